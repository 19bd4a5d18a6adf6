import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { askCarpos, attachDojRecord, attachedDojRecords, describeQuery, type CarposQuery, type QueryAnswer, type QueryFailure, type RecordMatch } from '@ccpor/adapters';
import { authorizeOrder, CaseNumber, DateOfBirth, Fcn, Nic, OrderId, Ori, PersonName, RaceCode, SexCode, type Principal, type EventStore, type Clock, type IdGenerator, type CommandHandler } from '@ccpor/domain';
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

const PageSize = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 999, 'page size (1–999)');
const Continuation = t.refinement(t.string, (s) => /^[A-Z0-9]{1,20}$/.test(s), 'continuation token (1–20 letters and digits, as DOJ gave it)');

/** One body for every form, so a mistake is named by field rather than by a union's branches. */
const QueryBody = bodyCodec(
  'CarposQuery',
  {},
  {
    name: PersonName,
    dateOfBirth: DateOfBirth,
    sex: SexCode,
    race: RaceCode,
    fcn: Fcn,
    nic: Nic,
    caseNumber: CaseNumber,
    courtOri: Ori,
    pageSize: PageSize,
    continuation: Continuation,
  },
);
type QueryBody = t.TypeOf<typeof QueryBody>;

const AttachBody = bodyCodec('AttachDojRecord', { orderId: OrderId });

const gatewayOff = (): Problem =>
  new Problem(503, 'CARPOS_GATEWAY_OFF', 'CARPOS gateway not running', 'This registry runs without the CARPOS gateway (CCPOR_CLETS_HOST is not set), so it cannot query DOJ.');

/** The query form the body asks for: one form at a time, each complete. */
export const queryOf = (b: QueryBody): CarposQuery => {
  const person = b.name !== undefined || b.dateOfBirth !== undefined || b.sex !== undefined || b.race !== undefined;
  const record = b.fcn !== undefined || b.nic !== undefined;
  const court = b.caseNumber !== undefined || b.courtOri !== undefined;
  const forms = [person, record, court].filter(Boolean).length;
  if (forms === 0) throw badRequest('QUERY_FORM_REQUIRED', 'Ask by name with date of birth, by FCN or NIC, or by case number with the issuing court’s ORI.', 'name');
  if (forms > 1) throw badRequest('QUERY_FORMS_MIXED', 'One query form at a time: a person (name, date of birth, sex, race), a record (fcn, nic), or a court case (caseNumber, courtOri).', record ? 'fcn' : 'caseNumber');
  if (record) return { kind: 'record', ...(b.fcn !== undefined ? { fcn: b.fcn } : {}), ...(b.nic !== undefined ? { nic: b.nic } : {}) };
  if (court) {
    if (b.caseNumber === undefined) throw badRequest('INVALID_VALUE', 'caseNumber: a court’s ORI goes with a case number', 'caseNumber');
    if (b.courtOri === undefined) throw badRequest('INVALID_VALUE', 'courtOri: a case number is unique only within its court; name the court', 'courtOri');
    return { kind: 'case', caseNumber: b.caseNumber, courtOri: b.courtOri };
  }
  if (b.name === undefined) throw badRequest('INVALID_VALUE', 'name: a person is asked for by name with date of birth', 'name');
  if (b.dateOfBirth === undefined) throw badRequest('INVALID_VALUE', 'dateOfBirth: DOJ matches a name only with a date of birth', 'dateOfBirth');
  return { kind: 'person', name: b.name, dateOfBirth: b.dateOfBirth, ...(b.sex !== undefined ? { sex: b.sex } : {}), ...(b.race !== undefined ? { race: b.race } : {}) };
};

const failureProblem = (failure: QueryFailure): Problem => {
  switch (failure.kind) {
    case 'invalid': {
      const first = failure.errors[0];
      return new Problem(400, 'CARPOS_QUERY_INVALID', 'Invalid query', `DOJ would refuse this query: ${failure.errors.map((e) => e.message).join('; ')}`, first?.field !== undefined ? { field: first.field } : {});
    }
    case 'rejected':
      return new Problem(422, 'CARPOS_QUERY_REJECTED', 'DOJ rejected the query', `DOJ answered ${failure.code}${failure.text !== undefined ? `: ${failure.text}` : ''}`, {
        dojCode: failure.code,
        ...(failure.field !== undefined ? { dojField: failure.field } : {}),
      });
    case 'no-answer':
      return new Problem(504, 'CARPOS_NO_ANSWER', 'No answer from DOJ', `DOJ did not answer after ${failure.attempts} attempts; the CLETS link may be down. Try again shortly.`);
    case 'stopped':
      return new Problem(503, 'CARPOS_GATEWAY_STOPPING', 'CARPOS gateway stopping', 'The registry is shutting down; ask again in a moment.');
  }
};

const routeOf = (req: Request): string => `${req.method} ${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path}`;

/** The registry's own statewide search for the same person, for the page to show beside DOJ's answer. */
const registrySearchHref = (query: CarposQuery): string | undefined => {
  if (query.kind === 'person') return `/api/v1/search?${new URLSearchParams({ lastName: query.name.last, firstName: query.name.first, dateOfBirth: query.dateOfBirth }).toString()}`;
  if (query.kind === 'case') return `/api/v1/search?${new URLSearchParams({ caseNumber: query.caseNumber, courtOri: query.courtOri }).toString()}`;
  if (query.kind === 'record' && query.fcn !== undefined) return `/api/v1/search?${new URLSearchParams({ fcn: query.fcn }).toString()}`;
  return undefined;
};

/**
 * What the caller may see of a match: a sealed registry order is the registry's secret like any
 * other (only supervisors see it, by the domain's access policy), so for everyone else the match says only that
 * an order was withheld — never "only at DOJ", which would be untrue.
 */
const visibleMatch = (match: RecordMatch, p: Principal): { readonly match: RecordMatch | { readonly kind: 'withheld' }; readonly withheld?: { orderId: string; rule: string; code: string } } => {
  if (match.kind !== 'registry-order' || !match.registry.sealed) return { match: { ...match, fixes: fixLinks(match.fixes) } as RecordMatch };
  const decision = authorizeOrder(p, 'order.read', { sealed: true });
  if (decision.allowed) return { match: { ...match, fixes: fixLinks(match.fixes) } as RecordMatch };
  return { match: { kind: 'withheld' }, withheld: { orderId: match.registry.orderId, rule: decision.rule, code: decision.code } };
};

/** What the CARPOS query routes read and write: the gateway, the log and orders. */
export interface CarposQueryRouteNeeds {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly carpos?: CarposService;
}

export const registerCarposQueryRoutes = (api: ApiRouter, s: CarposQueryRouteNeeds, guard: Guard): void => {
  const audit = new CletsAudit(s.store, s.clock, s.ids);
  const auditBase = (req: Request, p: Principal): Pick<CletsAuditRecord, 'at' | 'requestId' | 'principal' | 'route'> => ({
    at: s.clock.now(),
    requestId: String(req.id ?? ''),
    principal: { userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind },
    route: routeOf(req),
  });

  api.add({
    method: 'post',
    path: '/carpos/queries',
    summary:
      'Query DOJ’s CARPOS (CLETS-certified users): a person by name with date of birth, a record by FCN or NIC, or a court case by case number and court. Sent over the CLETS link after any entries waiting; each DOJ record comes back matched to the registry order it stands for (by FCN/NIC, else case number and court) or marked only at DOJ, with the differing key fields and the commands that fix them. Audited as CLETS data (who, when, what was asked); the answer is not stored unless a record is attached to an order',
    tag: TAG,
    body: QueryBody,
    success: 200,
    handler: async ({ req, res, body }) => {
      const p = guard.global(req, res, 'doj.query');
      const carpos = s.carpos;
      if (carpos === undefined) throw gatewayOff();
      const query = queryOf(body);
      const asked = describeQuery(query);
      const askedAt = s.clock.now();
      // The asking is on record before anything leaves for DOJ.
      await audit.record({ ...auditBase(req, p), action: 'carpos.query', asked, queryOri: p.agencyOri });
      const answer = await askCarpos(carpos.queries, carpos.store, carpos.codec, query, {
        ori: p.agencyOri,
        asOf: askedAt,
        paging: { ...(body.pageSize !== undefined ? { pageSize: body.pageSize } : {}), ...(body.continuation !== undefined ? { continuation: body.continuation } : {}) },
      });
      if (E.isLeft(answer)) {
        const failure = answer.left;
        await audit.record({ ...auditBase(req, p), action: 'carpos.answer.view', asked, queryOri: p.agencyOri, outcome: { kind: failure.kind, ...(failure.kind === 'rejected' ? { code: failure.code } : {}) } });
        throw failureProblem(failure);
      }
      return present(req, p, answer.right, query, asked, askedAt);
    },
  });

  const present = async (req: Request, p: Authenticated, answer: QueryAnswer, query: CarposQuery, asked: Record<string, string>, askedAt: string) => {
    const records = answer.records.map((r) => ({ record: r.record, ...visibleMatch(r.match, p) }));
    for (const r of records) if (r.withheld !== undefined) guard.note(req, p, 'order.read.related', false, r.withheld.rule, r.withheld.code, r.withheld.orderId);
    await audit.record({
      ...auditBase(req, p),
      action: 'carpos.answer.view',
      asked,
      queryOri: p.agencyOri,
      messageId: answer.messageId,
      outcome: { kind: 'answered', records: answer.records.length, total: answer.total, fcns: answer.records.map((r) => r.record.fcn) },
    });
    const answerId = randomUUID();
    s.carpos?.answers.hold(answerId, { userId: p.userId, messageId: answer.messageId, askedAt, records: new Map(answer.records.map((r) => [r.record.fcn, r.record])) });
    const search = registrySearchHref(query);
    return {
      answerId,
      askedAt,
      messageId: answer.messageId,
      asked,
      total: answer.total,
      ...(answer.continuation !== undefined ? { continuation: answer.continuation } : {}),
      records: records.map((r) => ({ record: r.record, match: r.match })),
      withheld: records.filter((r) => r.withheld !== undefined).length,
      ...(search !== undefined ? { registrySearch: { method: 'GET', href: search } } : {}),
    };
  };

  const loadOrder = async (orderId: string) => {
    const loaded = await s.commands.load(orderId);
    if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
    if (loaded.right.state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
    return loaded.right.state;
  };

  api.add({
    method: 'post',
    path: '/carpos/queries/:answerId/records/:fcn/attachments',
    summary:
      'Keep one DOJ record of a query answer with an order (CLETS-certified data-entry staff of the order’s agency). Answers are held in memory for 15 minutes for the user who asked; attaching is the only way one is stored',
    tag: TAG,
    body: AttachBody,
    success: 201,
    handler: async ({ req, res, body }) => {
      const carpos = s.carpos;
      const state = await loadOrder(body.orderId);
      const p = guard.order(req, res, 'order.doj.review', factsOf(state), body.orderId);
      if (carpos === undefined) throw gatewayOff();
      const held = carpos.answers.get(String(req.params.answerId), p.userId);
      if (held === undefined) throw new Problem(404, 'ANSWER_NOT_HELD', 'Answer no longer held', 'DOJ’s answers are kept for 15 minutes, for the user who asked. Ask again, then attach.', { field: 'answerId' });
      const record = held.records.get(String(req.params.fcn));
      if (record === undefined) throw new Problem(404, 'RECORD_NOT_IN_ANSWER', 'Not in the answer', 'That answer holds no DOJ record with this FCN.', { field: 'fcn' });
      const { attached, created } = await attachDojRecord(carpos.store, { orderId: body.orderId, record, queryMessageId: held.messageId, askedAt: held.askedAt, attachedBy: { userId: p.userId, agencyOri: p.agencyOri, kind: p.kind } });
      await audit.record({ ...auditBase(req, p), action: 'carpos.record.attach', orderId: body.orderId, messageId: held.messageId, outcome: { kind: 'answered', records: 1, fcns: [record.fcn] } });
      // Attaching the same record of the same answer again changes nothing: 200 with what is there.
      if (!created) {
        res.status(200).json(attached);
        return undefined;
      }
      return attached;
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:orderId/carpos-records',
    summary: 'DOJ records attached to an order from CARPOS query answers (CLETS-certified users; sealed orders for supervisors only). Each viewing is audited as CLETS data',
    tag: TAG,
    success: 200,
    handler: async ({ req, res }) => {
      const id = OrderId.decode(req.params.orderId);
      if (E.isLeft(id)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
      const state = await loadOrder(id.right);
      const p = guard.order(req, res, 'order.doj.read', factsOf(state), id.right);
      const carpos = s.carpos;
      if (carpos === undefined) throw gatewayOff();
      const entries = await attachedDojRecords(carpos.store, id.right);
      await audit.record({ ...auditBase(req, p), action: 'carpos.record.view', orderId: id.right, outcome: { kind: 'answered', records: entries.length, fcns: entries.map((e) => e.fcn) } });
      return { entries };
    },
  });
};
