import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  carposOrderFacts,
  courtSummaries,
  DIFFERENCE_KINDS,
  findRun,
  listRuns,
  requestResend,
  runDifferences,
  runDifferencesCsv,
  type DifferenceKind,
  type ReconciliationRun,
  type ResendRefusalCode,
} from '@ccpor/adapters';
import { OrderId, Ori, sealedListedFor, agencyScopeOf, withinAgencyScope, type EventStore, type Clock, type IdGenerator, type CommandHandler } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import type { Authenticated } from '../http/principal';
import { badRequest, fromHandlerError, Problem } from '../http/problem';
import { factsOf } from '../orders/order-facts';
import { CletsAudit, type CletsAuditRecord } from './clets-audit';
import { fixLinks } from './fix-links';
import type { CarposService } from './carpos-service';

const TAG = 'carpos';

const StartBody = bodyCodec('StartReconciliation', {}, { courtOri: Ori });
const ResendBody = bodyCodec('ResendToDoj', { transaction: t.keyof({ enter: null, modify: null, service: null, cancel: null, clear: null }, 'transaction') });
const Limit = t.refinement(t.string, (s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 1000, 'limit (1–1000)');
const After = t.refinement(t.string, (s) => /^\d{1,18}$/.test(s), 'after (a difference id)');
const Kind = t.keyof(Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, null])) as Record<DifferenceKind, null>, 'kind');
const DifferencesQuery = t.exact(t.partial({ courtOri: Ori, kind: Kind, after: After, limit: Limit }), 'ReconciliationDifferencesQuery');
const CsvQuery = t.exact(t.partial({ courtOri: Ori, kind: Kind }), 'ReconciliationCsvQuery');
const ListQuery = t.exact(t.partial({ limit: Limit }), 'ReconciliationListQuery');

const gatewayOff = (): Problem =>
  new Problem(503, 'CARPOS_GATEWAY_OFF', 'CARPOS gateway not running', 'This registry runs without the CARPOS gateway (CCPOR_CLETS_HOST is not set), so it cannot reconcile with DOJ.');


const RESEND_STATUS: Readonly<Record<ResendRefusalCode, number>> = {
  ORDER_NOT_FOUND: 404,
  NOT_SUBMITTED_THROUGH_REGISTRY: 409,
  NOT_AT_DOJ: 409,
  ALREADY_NUMBERED: 409,
  NOT_CANCELED: 409,
  NO_SERVICE: 409,
  ALREADY_QUEUED: 409,
};

const routeOf = (req: Request): string => `${req.method} ${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path}`;

/** What the reconciliation routes read and write: the gateway, the log and orders. */
export interface CarposReconciliationRouteNeeds {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly carpos?: CarposService;
}

export const registerCarposReconciliationRoutes = (api: ApiRouter, s: CarposReconciliationRouteNeeds, guard: Guard): void => {
  const audit = new CletsAudit(s.store, s.clock, s.ids);
  const auditBase = (req: Request, p: Authenticated): Pick<CletsAuditRecord, 'at' | 'requestId' | 'principal' | 'route'> => ({
    at: s.clock.now(),
    requestId: String(req.id ?? ''),
    principal: { userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind },
    route: routeOf(req),
  });
  const service = () => {
    const carpos = s.carpos;
    if (carpos === undefined) throw gatewayOff();
    return carpos;
  };
  /** The courts whose findings a caller sees: every court for a state administrator, their own otherwise. */
  const courtsFor = (p: Authenticated): readonly string[] | undefined => {
    const scope = agencyScopeOf(p);
    return scope.kind === 'agency' ? [scope.agencyOri] : undefined;
  };
  /** A run the caller may read: the state's, or their own court's (any, for a state administrator). */
  const readableRun = async (req: Request, p: Authenticated): Promise<ReconciliationRun> => {
    const id = String(req.params.runId);
    const run = /^\d{1,18}$/.test(id) ? await findRun(service().store, id) : undefined;
    if (run === undefined || (run.scope === 'court' && !withinAgencyScope(p, run.courtOri ?? ''))) {
      throw new Problem(404, 'RECONCILIATION_NOT_FOUND', 'Not found', `No reconciliation ${id} you may read.`, { field: 'runId' });
    }
    return run;
  };

  api.add({
    method: 'post',
    path: '/carpos/reconciliations',
    summary:
      'Start reconciling the registry with DOJ (CLETS-certified): a court’s orders (`courtOri`, its own staff) or the whole state (no `courtOri`, state administrators). Runs in the background at the configured rate; 409 while another runs',
    tag: TAG,
    body: StartBody,
    success: 202,
    handler: async ({ req, res, body }) => {
      const p = guard.global(req, res, 'doj.reconcile', body.courtOri !== undefined ? { agencyOri: body.courtOri } : {});
      const carpos = service();
      const started = await carpos.reconciliations.start({
        scope: body.courtOri === undefined ? 'state' : 'court',
        ...(body.courtOri !== undefined ? { courtOri: body.courtOri } : {}),
        trigger: 'on-demand',
        requestedBy: { userId: p.userId, agencyOri: p.agencyOri, kind: p.kind },
      });
      if (E.isLeft(started)) {
        const refusal = started.left;
        if (refusal.code === 'ALREADY_RUNNING') {
          throw new Problem(409, 'RECONCILIATION_RUNNING', 'A reconciliation is running', `Reconciliation ${refusal.runId} is still running; one runs at a time.`, { runId: refusal.runId });
        }
        throw badRequest('INVALID_VALUE', refusal.message, 'courtOri');
      }
      await audit.record({ ...auditBase(req, p), action: 'carpos.reconciliation.start', runId: started.right.id, ...(body.courtOri !== undefined ? { courtOri: body.courtOri } : {}) });
      res.setHeader('Location', `/api/v1/carpos/reconciliations/${started.right.id}`);
      return started.right;
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/reconciliations',
    summary: 'Reconciliation runs, newest first: the state’s and, for a court’s staff, their court’s (CLETS-certified)',
    tag: TAG,
    query: ListQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'doj.reconciliation.read');
      const runs = await listRuns(service().store, { ...(courtsFor(p) !== undefined ? { courtOri: p.agencyOri } : {}), ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}) });
      return { entries: runs };
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/reconciliations/:runId',
    summary: 'A reconciliation’s progress and, per court, how many differences of each kind it found (CLETS-certified; a court’s staff see their court)',
    tag: TAG,
    success: 200,
    handler: async ({ req, res }) => {
      const p = guard.global(req, res, 'doj.reconciliation.read');
      const run = await readableRun(req, p);
      return { ...run, courts: await courtSummaries(service().store, run.id, courtsFor(p)) };
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/reconciliations/:runId/differences',
    summary:
      'The differences a reconciliation found (CLETS data; audited): in force in the registry but absent at DOJ, at DOJ with other key fields, canceled or expired in the registry but in force at DOJ, and DOJ records with no registry order; each with the commands that fix it (`fixes`: method, href, body). Differences about sealed orders only for supervisors (`withheld` counts the others). Paged by `after`',
    tag: TAG,
    query: DifferencesQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'doj.reconciliation.read');
      const run = await readableRun(req, p);
      const courts = courtsFor(p);
      const page = await runDifferences(service().store, run.id, {
        ...(query.courtOri !== undefined ? { courtOri: query.courtOri } : {}),
        ...(query.kind !== undefined ? { kind: query.kind } : {}),
        ...(query.after !== undefined ? { after: query.after } : {}),
        ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}),
        ...(courts !== undefined ? { courts } : {}),
        includeSealed: sealedListedFor(p, courts),
      });
      await audit.record({
        ...auditBase(req, p),
        action: 'carpos.reconciliation.view',
        runId: run.id,
        ...(query.courtOri !== undefined ? { courtOri: query.courtOri } : {}),
        outcome: { kind: 'answered', records: page.entries.length, fcns: page.entries.flatMap((d) => (d.fcn !== null ? [d.fcn] : [])) },
      });
      return { runId: run.id, entries: page.entries.map((d) => ({ ...d, fixes: fixLinks(d.fixes) })), withheld: page.withheld, ...(page.next !== undefined ? { next: page.next } : {}) };
    },
  });

  api.add({
    method: 'get',
    path: '/carpos/reconciliations/:runId/report.csv',
    summary: 'The differences as CSV, one line per differing field (CLETS data: CLETS-certified users; each export audited; sealed orders only for supervisors)',
    tag: TAG,
    query: CsvQuery,
    success: 200,
    responseContent: { 'text/csv': { schema: { type: 'string' } } },
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'doj.reconciliation.read');
      const run = await readableRun(req, p);
      const courts = courtsFor(p);
      const csv = await runDifferencesCsv(service().store, run.id, {
        ...(query.courtOri !== undefined ? { courtOri: query.courtOri } : {}),
        ...(query.kind !== undefined ? { kind: query.kind } : {}),
        ...(courts !== undefined ? { courts } : {}),
        includeSealed: sealedListedFor(p, courts),
      });
      await audit.record({ ...auditBase(req, p), action: 'carpos.reconciliation.export', runId: run.id, ...(query.courtOri !== undefined ? { courtOri: query.courtOri } : {}) });
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="carpos-reconciliation-${run.id}.csv"`);
      res.status(200).type('text/csv').send(csv);
      return undefined;
    },
  });

  api.add({
    method: 'post',
    path: '/carpos/reconciliations/:runId/cancel',
    summary: 'Stop a running reconciliation for good; what it found so far stays in its report (who may start it may stop it)',
    tag: TAG,
    success: 200,
    handler: async ({ req, res }) => {
      const id = String(req.params.runId);
      const run = /^\d{1,18}$/.test(id) && s.carpos !== undefined ? await findRun(s.carpos.store, id) : undefined;
      guard.global(req, res, 'doj.reconcile', run?.courtOri !== undefined && run.courtOri !== null ? { agencyOri: run.courtOri } : {});
      const carpos = service();
      if (run === undefined) throw new Problem(404, 'RECONCILIATION_NOT_FOUND', 'Not found', `No reconciliation ${id}.`, { field: 'runId' });
      if (!(await carpos.reconciliations.cancel(run.id))) throw new Problem(409, 'RECONCILIATION_NOT_RUNNING', 'Not running', `Reconciliation ${run.id} is ${run.status}.`);
      return findRun(carpos.store, run.id);
    },
  });

  api.add({
    method: 'post',
    path: '/carpos/orders/:orderId/resend',
    summary:
      'Send an order to DOJ again as the registry holds it — the fix for a reconciliation difference: `enter` (an order DOJ never numbered), `modify` (DOJ holds other key fields), `service`, `cancel` or `clear` (DOJ still holds a canceled or expired order). CLETS-certified data-entry staff of the agency that added or submits the order; sealed orders for supervisors',
    tag: TAG,
    body: ResendBody,
    success: 202,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res, body }) => {
      const id = OrderId.decode(req.params.orderId);
      if (E.isLeft(id)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
      const loaded = await s.commands.load(id.right);
      if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
      if (loaded.right.state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
      const facts = factsOf(loaded.right.state);
      // The agency submitting the order's CARPOS record (a sheriff entering a court's orders) acts for it here.
      const carposFacts = s.carpos === undefined ? undefined : await carposOrderFacts(s.carpos.store, id.right);
      const submitter = carposFacts?.submitterOri ?? undefined;
      const p = guard.order(req, res, 'order.doj.resend', { ...facts, assignedAgencies: [...(facts.assignedAgencies ?? []), ...(submitter !== undefined ? [submitter] : [])] }, id.right);
      const carpos = service();
      const queued = await requestResend(carpos.store, {
        orderId: id.right,
        transaction: body.transaction,
        requestedBy: { userId: p.userId, agencyOri: p.agencyOri, kind: p.kind },
        codec: carpos.codec,
        now: s.clock.now(),
      });
      if (E.isLeft(queued)) {
        const refusal = queued.left;
        throw new Problem(RESEND_STATUS[refusal.code], refusal.code, 'Not sent', refusal.message, { field: 'transaction', ...(refusal.outboxId !== undefined ? { outboxId: refusal.outboxId } : {}) });
      }
      await audit.record({ ...auditBase(req, p), action: 'carpos.resend', orderId: id.right, outcome: { kind: 'answered', code: body.transaction } });
      carpos.wake();
      return queued.right;
    },
  });
};
