import * as t from 'io-ts';
import {
  awaitingDataQueue,
  correctionQueue,
  deadLetterQueue,
  findOutboxEntry,
  notificationsForAgency,
  overdueOrders,
  pendingQueue,
  retryDeadLetter,
  reviewQueue,
  submissionLatencyByAgency,
  transmissionTimeliness,
  type CarposStore,
  type QueueFilter,
} from '@ccpor/adapters';
import { agencyScopeOf, authorizeOrder, Ori, type Clock } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import type { Authenticated } from '../http/principal';
import { Problem } from '../http/problem';
import { explainReject } from './reject-explanation';
import type { CarposService } from './carpos-service';

const Limit = t.refinement(t.string, (s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 1000, 'limit (1–1000)');
const Since = t.refinement(t.string, (s) => !Number.isNaN(Date.parse(s)), 'ISO date-time');
const QueueQuery = t.exact(t.partial({ agencyOri: Ori, limit: Limit }), 'CarposQueueQuery');
const LatencyQuery = t.exact(t.partial({ agencyOri: Ori, since: Since }), 'CarposLatencyQuery');
type QueueQuery = t.TypeOf<typeof QueueQuery>;

const TAG = 'carpos';

const gatewayOff = (): Problem =>
  new Problem(503, 'CARPOS_GATEWAY_OFF', 'CARPOS gateway not running', 'This registry runs without the CARPOS gateway (CCPOR_CLETS_HOST is not set), so it keeps no DOJ queues.');

/**
 * Whose queue a caller sees: a state administrator any agency's (or all), everyone else their
 * own agency's — the orders it added or submits to CARPOS for. Sealed orders only for supervisors.
 */
const scopeFor = (p: Authenticated, requested: string | undefined): QueueFilter => {
  const scope = agencyScopeOf(p, requested);
  if (scope.kind === 'refused') {
    throw new Problem(403, scope.code, 'Forbidden', 'You see the DOJ queues of your own agency only.', { rule: 'DOJ queues: own agency', field: 'agencyOri' });
  }
  const agencyOri = scope.kind === 'agency' ? scope.agencyOri : undefined;
  // Sealed orders as the access policy opens them: to supervisors, of their own agency's orders (ADR 0034).
  const includeSealed = agencyOri !== undefined && authorizeOrder(p, 'order.doj.read', { sealed: true, ownerAgencyOri: agencyOri, stage: 'issued' }).allowed;
  return { ...(agencyOri !== undefined ? { agencyOri } : {}), includeSealed };
};

/** What the CARPOS queue routes read: the gateway, when `serve` runs it (503 without). */
export interface CarposRouteNeeds {
  readonly clock: Clock;
  readonly carpos?: CarposService;
}

export const registerCarposRoutes = (api: ApiRouter, s: CarposRouteNeeds, guard: Guard): void => {
  /** The guard (CLETS certification, audited), then the gateway's tables. */
  const readable = (req: Request, res: Response, query: { agencyOri?: string }): { store: CarposStore; filter: QueueFilter } => {
    const p = guard.global(req, res, 'doj.queue.read', query.agencyOri !== undefined ? { agencyOri: query.agencyOri } : {});
    const carpos = s.carpos;
    if (carpos === undefined) throw gatewayOff();
    return { store: carpos.store, filter: scopeFor(p, query.agencyOri) };
  };
  const withLimit = (filter: QueueFilter, query: QueueQuery): QueueFilter => (query.limit !== undefined ? { ...filter, limit: Number(query.limit) } : filter);

  api.add({
    method: 'get',
    path: '/carpos/status',
    summary: 'The CLETS link and the gateway’s counters (CLETS-certified users)',
    tag: TAG,
    success: 200,
    handler: ({ req, res }) => {
      guard.global(req, res, 'doj.queue.read');
      if (s.carpos === undefined) throw gatewayOff();
      return s.carpos.status();
    },
  });

  const queues = [
    { path: '/carpos/queues/pending', summary: 'Messages waiting to go to DOJ, or sent and waiting for its answer', read: pendingQueue },
    { path: '/carpos/queues/awaiting-data', summary: 'Orders held back because DOJ-required data is missing, each with what is missing', read: awaitingDataQueue },
    {
      path: '/carpos/queues/rejected',
      summary: 'The correction queue, oldest reject first: orders whose last DOJ answer was a reject, with DOJ’s message and `errors` in words (reason, CARPOS field, the registry field it concerns)',
      // DOJ's reject as it came, and explained next to the registry field it concerns.
      read: async (store: CarposStore, filter: QueueFilter) =>
        (await correctionQueue(store, filter)).map((e) => {
          const explained = explainReject(e.response);
          return { ...e, errors: explained === undefined ? [] : [explained] };
        }),
    },
    { path: '/carpos/queues/dead-letter', summary: 'Messages that failed every attempt; an operator retries them', read: deadLetterQueue },
    { path: '/carpos/queues/review', summary: 'DOJ acknowledgements and rejects not yet reviewed (mark one with POST /orders/{orderId}/doj-reviews)', read: reviewQueue },
  ] as const;
  for (const queue of queues) {
    api.add({
      method: 'get',
      path: queue.path,
      summary: `${queue.summary} (CLETS-certified users)`,
      tag: TAG,
      query: QueueQuery,
      success: 200,
      handler: async ({ req, res, query }) => {
        const { store, filter } = readable(req, res, query);
        return { entries: await queue.read(store, withLimit(filter, query)) };
      },
    });
  }

  api.add({
    method: 'post',
    path: '/carpos/queues/dead-letter/:id/retry',
    summary: 'Send a dead-lettered message again with a fresh attempt count (CLETS-certified staff of the agency)',
    tag: TAG,
    success: 200,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res }) => {
      const id = String(req.params.id);
      if (!/^\d{1,18}$/.test(id)) throw new Problem(400, 'INVALID_VALUE', 'Invalid request', 'id: must be an outbox row number', { field: 'id' });
      const p = res.locals.principal as Authenticated | undefined;
      const carpos = s.carpos;
      const entry = carpos === undefined ? undefined : await findOutboxEntry(carpos.store, id);
      // The row's agency scopes the decision: the agency that added the order, or the one submitting for it.
      const scope = entry === undefined ? undefined : p !== undefined && entry.submitterOri === p.agencyOri ? entry.submitterOri : (entry.agencyOri ?? undefined);
      guard.global(req, res, 'doj.queue.manage', scope !== undefined ? { agencyOri: scope } : {});
      if (carpos === undefined) throw gatewayOff();
      if (entry === undefined) throw new Problem(404, 'NOT_FOUND', 'Not found', `No CARPOS message ${id}.`, { field: 'id' });
      if (!(await retryDeadLetter(carpos.store, id))) {
        throw new Problem(409, 'NOT_DEAD_LETTERED', 'Not dead-lettered', `Message ${id} is ${entry.status}, not in the dead-letter queue.`, { field: 'id' });
      }
      carpos.wake();
      return findOutboxEntry(carpos.store, id);
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/notifications',
    summary: 'Unsolicited DOJ notifications addressed to the agency, newest first (CLETS-certified users)',
    tag: TAG,
    query: QueueQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const { store, filter } = readable(req, res, query);
      const p = res.locals.principal as Authenticated;
      return { entries: await notificationsForAgency(store, filter.agencyOri ?? p.agencyOri, query.limit !== undefined ? Number(query.limit) : undefined) };
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/overdue',
    summary: 'Orders past their one-business-day DOJ deadline and not acknowledged (CLETS-certified users)',
    tag: TAG,
    query: QueueQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const { store, filter } = readable(req, res, query);
      return { asOf: s.clock.now(), entries: await overdueOrders(store, new Date(s.clock.now()), withLimit(filter, query)) };
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/latency',
    summary: 'Per agency: orders acknowledged, issue-to-acknowledgement latency (p50, p95), late and overdue counts (CLETS-certified users)',
    tag: TAG,
    query: LatencyQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const { store, filter } = readable(req, res, query);
      const rows = await submissionLatencyByAgency(store, { ...(query.since !== undefined ? { since: new Date(query.since) } : {}), now: new Date(s.clock.now()) });
      return { agencies: filter.agencyOri === undefined ? rows : rows.filter((r) => r.agencyOri === filter.agencyOri) };
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/timeliness',
    summary:
      'Per agency and purpose (issue, modification, renewal, termination, proof of service): DOJ deadlines, how many the registry sent to CLETS in time or late, how many DOJ acknowledged in time or late, overdue, and start-to-sent / start-to-acknowledgement times (Fam. Code 6380; CLETS-certified users)',
    tag: TAG,
    query: LatencyQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const { store, filter } = readable(req, res, query);
      const rows = await transmissionTimeliness(store, { ...(query.since !== undefined ? { since: new Date(query.since) } : {}), now: new Date(s.clock.now()) });
      return { agencies: filter.agencyOri === undefined ? rows : rows.filter((r) => r.agencyOri === filter.agencyOri) };
    },
  });
};
