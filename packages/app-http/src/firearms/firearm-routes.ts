import * as t from 'io-ts';
import { agencyScopeOf, authorizeOrder, type Clock } from '@ccpor/domain';
import { firearmReceiptsOverdue, firearmReceiptsOverdueCount } from '@ccpor/adapters';
import { Gauge } from 'prom-client';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import type { Metrics } from '../ops/metrics';
import type { OrderSearchService } from '../search/order-search-service';

const GAUGE = 'ccpor_firearm_receipts_overdue';

export const FirearmOverdueQuery = t.exact(
  t.partial({ limit: t.refinement(t.string, (s) => /^\d{1,4}$/.test(s) && Number(s) >= 1, 'limit (1–9999)') }),
  'FirearmOverdueQuery',
);

/** What the firearm relinquishment routes read: the search views, the clock for what is overdue, and the metrics registry for the overdue gauge. */
export interface FirearmRouteNeeds {
  readonly clock: Clock;
  readonly metrics: Metrics;
  readonly search: OrderSearchService;
}

/**
 * Orders whose firearm relinquishment receipt is overdue (docs/law/firearms.md): the receipt was
 * due 48 hours after the first service and none is filed. A report, for supervisors and
 * administrators (`statistics.read`): a state administrator sees every agency, others the orders
 * their agency entered or is assigned; sealed orders only where `order.read` allows. `/metrics`
 * counts them statewide as `ccpor_firearm_receipts_overdue`.
 */
export const registerFirearmRoutes = (api: ApiRouter, s: FirearmRouteNeeds, guard: Guard): void => {
  if (s.metrics.registry.getSingleMetric(GAUGE) === undefined) {
    new Gauge({
      name: GAUGE,
      help: 'Orders in force whose firearm relinquishment receipt is past due (48 hours after service) and not filed',
      registers: [s.metrics.registry],
      async collect() {
        this.set(await firearmReceiptsOverdueCount(s.search.views.db, { now: s.clock.now(), schema: s.search.views.schema }));
      },
    });
  }

  api.add({
    method: 'get',
    path: '/firearms/overdue',
    summary: 'Orders in force whose firearm relinquishment receipt is overdue (48 hours after service, none filed), the longest overdue first',
    tag: 'firearms',
    success: 200,
    query: FirearmOverdueQuery,
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'statistics.read');
      const scope = agencyScopeOf(p);
      const now = s.clock.now();
      const rows = await firearmReceiptsOverdue(s.search.views.db, {
        now,
        schema: s.search.views.schema,
        ...(scope.kind === 'agency' ? { agencyOris: [scope.agencyOri] } : {}),
        limit: Number(query.limit ?? 500),
      });
      const orders = rows.filter((r) => authorizeOrder(p, 'order.read', { ownerAgencyOri: r.enteringAgencyOri, sealed: r.sealed }).allowed);
      return { at: now, rule: 'Fam. Code 6389(c)(2); CCP 527.9; Pen. Code 18120; docs/law/firearms.md', orders };
    },
  });
};
