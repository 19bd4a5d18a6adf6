import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { ClosureAuthority, createCourtCalendarHandler, LocalTime, OrderDate, Ori, type CourtCalendarInput, type CourtCalendarState, type EventStore, type Clock, type IdGenerator } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import { actorOf } from '../http/principal';
import { badRequest, fromHandlerError } from '../http/problem';
import { parseIfMatch } from '../orders/command-routes';

const Reason = t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 200, 'reason (1–200 characters)');

const oriParam = (req: Request): Ori => {
  const r = Ori.decode(req.params.ori);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'ori: must be an ORI such as CA019015J', 'ori');
  return r.right;
};

/** A court's calendar as the API shows it. */
const calendarView = (courtOri: string, state: CourtCalendarState, version: number) => ({
  courtOri,
  version,
  closeOfBusiness: state.closeOfBusiness,
  closures: state.closures,
  law: 'CCP 12b; Gov. Code 68115; Gov. Code 6700(a); Fam. Code 6256; docs/law/calendar.md',
});

/** What the court calendar routes read and write: the calendars' streams in the log. */
export interface CourtCalendarRouteNeeds {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * A court's own calendar (ADR 0043; docs/law/calendar.md): the days it is closed although the
 * statewide calendar has it open, and its close of judicial business. Every change is an event in
 * the court's stream and goes through the access policy (`courts.calendar.manage`: the court's
 * local administrator or a state administrator), so the audit shows who closed a court.
 */
export const registerCourtCalendarRoutes = (api: ApiRouter, s: CourtCalendarRouteNeeds, guard: Guard): void => {
  const courts = createCourtCalendarHandler({ eventStore: s.store, clock: s.clock, ids: s.ids });

  const change = async (req: Request, res: Parameters<Guard['global']>[1], courtOri: Ori, input: CourtCalendarInput) => {
    const p = guard.global(req, res, 'courts.calendar.manage', { agencyOri: courtOri });
    const expectedVersion = parseIfMatch(req);
    const result = await courts.handle(input, { actor: actorOf(p), correlationId: String(req.id), ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
    if (E.isLeft(result)) throw fromHandlerError(result.left, expectedVersion !== undefined);
    res.setHeader('ETag', `"${result.right.version}"`);
    return calendarView(courtOri, result.right.state, result.right.version);
  };

  api.add({
    method: 'get',
    path: '/courts/:ori/calendar',
    summary: 'A court’s closures and close of judicial business, as used for its court days and deadlines (docs/law/calendar.md)',
    tag: 'courts',
    success: 200,
    handler: async ({ req, res }) => {
      const courtOri = oriParam(req);
      const loaded = await courts.load(courtOri);
      if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
      res.setHeader('ETag', `"${loaded.right.version}"`);
      return calendarView(courtOri, loaded.right.state, loaded.right.version);
    },
  });

  api.add({
    method: 'post',
    path: '/courts/:ori/closures',
    summary: 'Record a day the court is closed (CCP 12b; an emergency order under Gov. Code 68115; a day the Governor appoints): it stops counting as a court day for that court',
    tag: 'courts',
    success: 201,
    headers: ['If-Match', 'Idempotency-Key'],
    body: bodyCodec('Body', { date: OrderDate, reason: Reason, authority: ClosureAuthority }),
    handler: async ({ req, res, body }) => {
      const courtOri = oriParam(req);
      return change(req, res, courtOri, { type: 'RecordCourtClosure', courtOri, date: body.date, reason: body.reason, authority: body.authority });
    },
  });

  api.add({
    method: 'delete',
    path: '/courts/:ori/closures/:date',
    summary: 'Withdraw a recorded closure (entered in error, or the court reopened)',
    tag: 'courts',
    success: 200,
    headers: ['If-Match', 'Idempotency-Key'],
    body: bodyCodec('Body', { reason: Reason }),
    handler: async ({ req, res, body }) => {
      const courtOri = oriParam(req);
      const date = OrderDate.decode(req.params.date);
      if (E.isLeft(date)) throw badRequest('INVALID_VALUE', 'date: must be a date YYYY-MM-DD', 'date');
      return change(req, res, courtOri, { type: 'WithdrawCourtClosure', courtOri, date: date.right, reason: body.reason });
    },
  });

  api.add({
    method: 'put',
    path: '/courts/:ori/close-of-business',
    summary: 'Set the court’s close of judicial business (default 17:00, not before 12:00): emergency protective orders end at it on their 5th court day (Fam. Code 6256)',
    tag: 'courts',
    success: 200,
    headers: ['If-Match', 'Idempotency-Key'],
    body: bodyCodec('Body', { time: LocalTime }),
    handler: async ({ req, res, body }) => {
      const courtOri = oriParam(req);
      return change(req, res, courtOri, { type: 'SetCloseOfBusiness', courtOri, time: body.time });
    },
  });
};
