import * as E from 'fp-ts/Either';
import { Ori, type IdGenerator } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { actorOf } from '../http/principal';
import { badRequest, Problem } from '../http/problem';
import { runAcceptance, type AcceptanceNeeds } from './acceptance-run';
import { readinessLines } from './readiness';
import type { Config } from '../config/config';
import type { IdentityService } from '../identity/identity-service';
import type { OrderSearchService } from '../search/order-search-service';
import type { CarposService } from '../carpos/carpos-service';

const TAG = 'administration';

const oriParam = (req: Request): Ori => {
  const r = Ori.decode(req.params.ori);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'ori: must be an ORI such as CA019015J', 'ori');
  return r.right;
};

/** How long the acceptance run waits for DOJ's answers before it calls the rest unanswered. */
const ACCEPTANCE_WAIT_MS = 30_000;

/** What the go-live readiness routes read, and what an acceptance run needs. */
export interface ReadinessRouteNeeds extends AcceptanceNeeds {
  readonly config: Config;
  readonly ids: IdGenerator;
  readonly identity: IdentityService;
  readonly search: OrderSearchService;
  readonly carpos?: CarposService;
}

/**
 * A court's go-live readiness (issue 16 item 3; ADR 0058): each line of its checklist answered
 * from the registry's own data, and the acceptance-testing run. For the court's local
 * administrator and state administrators (`users.manage` in the court's scope), audited by the guard.
 */
export const registerReadinessRoutes = (api: ApiRouter, s: ReadinessRouteNeeds, guard: Guard): void => {
  const countImaged = async (ori: string): Promise<number> => {
    const r = await s.search.views.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${s.search.views.schema}.order_search s WHERE s.court_ori = $1 AND s.image_count > 0`,
      [ori],
    );
    return Number(r.rows[0]?.n ?? 0);
  };
  const view = async (ori: string) => {
    const agency = s.identity.agency(ori);
    const lines = readinessLines({ agency, users: [...s.identity.view.users.values()], scanInbox: s.config.scans !== undefined, ordersWithImages: await countImaged(ori) });
    return {
      ori,
      name: agency.name,
      ready: lines.every((l) => l.answer !== 'no'),
      lines,
      acceptanceTesting: { available: s.config.acceptanceTesting && s.carpos !== undefined && agency.carpos.enabled, lastRun: agency.acceptance ?? null },
    };
  };

  api.add({
    method: 'get',
    path: '/agencies/:ori/readiness',
    summary: 'A court’s go-live readiness: each checklist line yes, no or not applicable from the registry’s own data, and its last acceptance-testing run (its local administrator, state administrators)',
    tag: TAG,
    success: 200,
    handler: async ({ req, res }) => {
      const ori = oriParam(req);
      guard.global(req, res, 'users.manage', { agencyOri: ori });
      return view(ori);
    },
  });

  api.add({
    method: 'post',
    path: '/agencies/:ori/acceptance-runs',
    summary:
      'Run the court’s acceptance testing: a test order of each type entered in its name and watched until DOJ (the simulator) answers; the result is kept and audited. Only where CCPOR_ACCEPTANCE_TESTING is on and the court submits through the registry',
    tag: TAG,
    success: 201,
    handler: async ({ req, res }) => {
      const ori = oriParam(req);
      const p = guard.global(req, res, 'users.manage', { agencyOri: ori });
      const agency = s.identity.agency(ori);
      if (!s.config.acceptanceTesting) {
        throw new Problem(409, 'ACCEPTANCE_TESTING_OFF', 'Not a test environment', 'Acceptance runs enter test orders, so only a registry started with CCPOR_ACCEPTANCE_TESTING=true (against the DOJ simulator) runs them.');
      }
      if (s.carpos === undefined) throw new Problem(409, 'CARPOS_GATEWAY_OFF', 'CARPOS gateway not running', 'This registry runs without the CARPOS gateway (CCPOR_CLETS_HOST is not set): nothing would reach DOJ.');
      if (!agency.carpos.enabled) throw new Problem(409, 'CARPOS_NOT_ENABLED', 'Not submitted through the registry', `${agency.name}’s orders do not go to DOJ through the registry.`, { field: 'ori' });
      const run = await runAcceptance(s, agency, p.userId, ACCEPTANCE_WAIT_MS);
      await s.identity.recordAcceptanceRun(ori, { runId: s.ids.newId(), ...run }, actorOf(p));
      return view(ori);
    },
  });
};
