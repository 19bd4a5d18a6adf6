import * as E from 'fp-ts/Either';
import { FixedClock, SequentialIds, sampleOrderDetails } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { createCommandHandler } from '../application/handle-command';
import { createCourtCalendarHandler, eventStoreCourtCalendars } from '../application/court-calendars';
import { orderDecider } from '../order/decide';
import { courtCalendarOf, decideCourtCalendar, foldCourtCalendar, initialCourtCalendar } from './court-calendar-decide';
import type { CourtCalendarCommand, CourtCalendarEvent } from './court-calendar-model';

const ORI = 'CA019015J';
const at = '2026-03-01T09:00:00-08:00';
const closure = (date: string, authority = 'gov-68115'): CourtCalendarCommand =>
  ({ type: 'RecordCourtClosure', courtOri: ORI, at, date, reason: 'Courthouse closed by emergency order', authority }) as CourtCalendarCommand;
const decided = (command: CourtCalendarCommand, history: CourtCalendarEvent[] = []) => decideCourtCalendar(command, foldCourtCalendar(history));
const eventsOf = (r: E.Either<unknown, CourtCalendarEvent[]>): CourtCalendarEvent[] => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

describe('a court’s own calendar (docs/law/calendar.md)', () => {
  it('Gov. Code 68115 — a closure is recorded with its reason and authority', () =>
    expect(eventsOf(decided(closure('2026-03-11')))).toEqual([
      { type: 'CourtClosureRecorded', schemaVersion: 1, data: { courtOri: ORI, date: '2026-03-11', reason: 'Courthouse closed by emergency order', authority: 'gov-68115', recordedAt: at } },
    ]));

  it('CCP 135 — a day the courts are already closed (weekend, judicial holiday) is not recorded again', () => {
    expect(decided(closure('2026-03-14'))).toEqual(E.left(expect.objectContaining({ code: 'COURT_ALREADY_CLOSED', field: 'date' })));
    expect(decided(closure('2026-11-26'))).toEqual(E.left(expect.objectContaining({ code: 'COURT_ALREADY_CLOSED', message: expect.stringContaining('Thanksgiving') })));
  });

  it('a closure is recorded once and withdrawn only if recorded', () => {
    const recorded = eventsOf(decided(closure('2026-03-11')));
    expect(decided(closure('2026-03-11'), recorded)).toEqual(E.left(expect.objectContaining({ code: 'COURT_CLOSURE_EXISTS' })));
    const withdraw = { type: 'WithdrawCourtClosure', courtOri: ORI, at, date: '2026-03-12', reason: 'entered in error' } as CourtCalendarCommand;
    expect(decided(withdraw, recorded)).toEqual(E.left(expect.objectContaining({ code: 'COURT_CLOSURE_NOT_FOUND' })));
    const withdrawn = eventsOf(decided({ ...withdraw, date: '2026-03-11' } as CourtCalendarCommand, recorded));
    expect(foldCourtCalendar([...recorded, ...withdrawn]).closures).toEqual([]);
  });

  it('close of judicial business is a setting per court (default 17:00), not earlier than noon', () => {
    expect(initialCourtCalendar.closeOfBusiness).toBe('17:00:00');
    const set = eventsOf(decideCourtCalendar({ type: 'SetCloseOfBusiness', courtOri: ORI, at, time: '16:00' } as CourtCalendarCommand, initialCourtCalendar));
    expect(courtCalendarOf(foldCourtCalendar(set)).closeOfBusiness).toBe('16:00:00');
    expect(decideCourtCalendar({ type: 'SetCloseOfBusiness', courtOri: ORI, at, time: '09:00' } as CourtCalendarCommand, initialCourtCalendar)).toEqual(
      E.left(expect.objectContaining({ code: 'CLOSE_OF_BUSINESS_OUT_OF_RANGE' })),
    );
    expect(decideCourtCalendar({ type: 'SetCloseOfBusiness', courtOri: ORI, at, time: '17:00' } as CourtCalendarCommand, initialCourtCalendar)).toEqual(
      E.left(expect.objectContaining({ code: 'NO_CHANGES' })),
    );
  });

  describe('used by the order handler for the order’s court', () => {
    const setup = async () => {
      const store = new InMemoryEventStore();
      const clock = new FixedClock('2026-03-07T11:00:00-08:00');
      const ids = new SequentialIds();
      const courts = createCourtCalendarHandler({ eventStore: store, clock, ids });
      const orders = createCommandHandler({ eventStore: store, clock, ids, decider: orderDecider, courtCalendars: eventStoreCourtCalendars(store) });
      const actor = { userId: 'admin', agencyOri: ORI, roles: ['local-admin'], kind: 'user' as const };
      const addEpo = async (orderId: string, courtOri = ORI) => {
        const r = await orders.handle(
          {
            type: 'AddOrder',
            orderId,
            enteringAgencyOri: 'CA0194200',
            details: sampleOrderDetails({ form: 'EPO-001', issuedAt: '2026-03-07T10:00:00-08:00', court: { ori: courtOri, county: '19', name: 'Superior Court of California, County of Los Angeles' } }),
          } as never,
          { actor },
        );
        if (E.isLeft(r) || r.right.state.status !== 'issued') throw new Error(JSON.stringify(r));
        return r.right.state.expiresAt;
      };
      return { courts, addEpo, actor };
    };

    it('CCP 12b, Gov. Code 68115 — a closure moves an EPO’s 5th court day; then the 7th calendar day ends it', async () => {
      const { courts, addEpo, actor } = await setup();
      // Issued Saturday 7 March 2026: court days Mon 9 … Fri 13 → Friday 17:00, before the 7th calendar day.
      expect(await addEpo('00000000-0000-4000-8000-000000000001')).toBe('2026-03-13T17:00:00-07:00');
      const r = await courts.handle({ type: 'RecordCourtClosure', courtOri: ORI, date: '2026-03-11', reason: 'Power outage; emergency order of the presiding judge', authority: 'gov-68115' } as never, { actor });
      expect(E.isRight(r)).toBe(true);
      // Wednesday closed: the 5th court day is Monday 16, so the 7th calendar day (Saturday 14, end of day) ends it.
      expect(await addEpo('00000000-0000-4000-8000-000000000002')).toBe('2026-03-14T23:59:59-07:00');
      // Another court's orders are not affected.
      expect(await addEpo('00000000-0000-4000-8000-000000000003', 'CA030015J')).toBe('2026-03-13T17:00:00-07:00');
    });

    it('Fam. Code 6256 — an EPO ends at the close of business its court sets', async () => {
      const { courts, addEpo, actor } = await setup();
      await courts.handle({ type: 'SetCloseOfBusiness', courtOri: ORI, time: '16:00' } as never, { actor });
      expect(await addEpo('00000000-0000-4000-8000-000000000004')).toBe('2026-03-13T16:00:00-07:00');
    });
  });
});
