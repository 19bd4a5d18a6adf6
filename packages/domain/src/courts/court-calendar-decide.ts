import * as E from 'fp-ts/Either';
import { match } from 'ts-pattern';
import { createCourtCalendar, DEFAULT_CLOSE_OF_BUSINESS, californiaCourtCalendar, type CourtCalendar } from '../calendar/court-calendar';
import { domainError, type DomainError } from '../errors/domain-error';
import type { CourtCalendarCommand, CourtCalendarEvent, CourtCalendarState } from './court-calendar-model';

const CALENDAR_DOC = 'docs/law/calendar.md';

export const initialCourtCalendar: CourtCalendarState = { closures: [], closeOfBusiness: DEFAULT_CLOSE_OF_BUSINESS };

/**
 * Earliest close of judicial business a court may set [I]: an emergency protective order ends at
 * close of business on its 5th court day (Fam. Code 6256), so a morning hour would cut
 * protection short by most of a day. No court is known to close before noon.
 */
export const EARLIEST_CLOSE_OF_BUSINESS = '12:00';

const withSeconds = (time: string): string => (time.length === 5 ? `${time}:00` : time);

/**
 * Decides a change to a court's calendar. Pure and total: every refusal is a value naming its
 * rule. A closure on a day the statewide calendar already closes (a weekend or a judicial
 * holiday, CCP 135) changes no deadline, so it is refused rather than kept as noise.
 */
export const decideCourtCalendar = (command: CourtCalendarCommand, state: CourtCalendarState): E.Either<DomainError, CourtCalendarEvent[]> =>
  match(command)
    .with({ type: 'RecordCourtClosure' }, (c) => {
      if (!californiaCourtCalendar.isCourtDay(c.date)) {
        const name = californiaCourtCalendar.holidayName(c.date);
        return E.left(
          domainError('COURT_ALREADY_CLOSED', `The courts are already closed on ${c.date} (${name ?? 'a weekend'}); there is nothing to record.`, {
            field: 'date',
            rule: `CCP 135; CRC 1.11; ${CALENDAR_DOC}`,
          }),
        );
      }
      if (state.closures.some((x) => x.date === c.date)) {
        return E.left(domainError('COURT_CLOSURE_EXISTS', `A closure on ${c.date} is already recorded for this court.`, { field: 'date' }));
      }
      return E.right<DomainError, CourtCalendarEvent[]>([
        { type: 'CourtClosureRecorded', schemaVersion: 1, data: { courtOri: c.courtOri, date: c.date, reason: c.reason.trim(), authority: c.authority, recordedAt: c.at } },
      ]);
    })
    .with({ type: 'WithdrawCourtClosure' }, (c) =>
      state.closures.some((x) => x.date === c.date)
        ? E.right<DomainError, CourtCalendarEvent[]>([
            { type: 'CourtClosureWithdrawn', schemaVersion: 1, data: { courtOri: c.courtOri, date: c.date, reason: c.reason.trim(), withdrawnAt: c.at } },
          ])
        : E.left(domainError('COURT_CLOSURE_NOT_FOUND', `No closure on ${c.date} is recorded for this court.`, { field: 'date' })),
    )
    .with({ type: 'SetCloseOfBusiness' }, (c) => {
      const time = withSeconds(c.time);
      if (c.time < EARLIEST_CLOSE_OF_BUSINESS) {
        return E.left(
          domainError('CLOSE_OF_BUSINESS_OUT_OF_RANGE', `Close of judicial business cannot be before ${EARLIEST_CLOSE_OF_BUSINESS}: emergency protective orders end at it.`, {
            field: 'time',
            rule: `Fam. Code 6256; ${CALENDAR_DOC}`,
          }),
        );
      }
      if (time === state.closeOfBusiness) return E.left(domainError('NO_CHANGES', `Close of judicial business is already ${c.time}.`, { field: 'time' }));
      return E.right<DomainError, CourtCalendarEvent[]>([
        { type: 'CloseOfBusinessSet', schemaVersion: 1, data: { courtOri: c.courtOri, time, previous: state.closeOfBusiness, setAt: c.at } },
      ]);
    })
    .exhaustive();

/** Total, like the order's evolve: an event that cannot apply leaves the state as it is. */
export const evolveCourtCalendar = (state: CourtCalendarState, event: CourtCalendarEvent): CourtCalendarState =>
  match(event)
    .with({ type: 'CourtClosureRecorded' }, ({ data }) =>
      state.closures.some((x) => x.date === data.date)
        ? state
        : {
            ...state,
            courtOri: data.courtOri,
            closures: [...state.closures, { date: data.date, reason: data.reason, authority: data.authority, recordedAt: data.recordedAt }].sort((a, b) =>
              a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
            ),
          },
    )
    .with({ type: 'CourtClosureWithdrawn' }, ({ data }) => ({ ...state, courtOri: data.courtOri, closures: state.closures.filter((x) => x.date !== data.date) }))
    .with({ type: 'CloseOfBusinessSet' }, ({ data }) => ({ ...state, courtOri: data.courtOri, closeOfBusiness: data.time }))
    .exhaustive();

export const foldCourtCalendar = (events: readonly CourtCalendarEvent[]): CourtCalendarState => events.reduce(evolveCourtCalendar, initialCourtCalendar);

/** The court's calendar for counting court days and deadlines: statewide holidays plus its closures and close of business. */
export const courtCalendarOf = (state: CourtCalendarState): CourtCalendar =>
  state.closures.length === 0 && state.closeOfBusiness === DEFAULT_CLOSE_OF_BUSINESS
    ? californiaCourtCalendar
    : createCourtCalendar({ localClosures: state.closures.map((c) => ({ date: c.date, reason: c.reason })), closeOfBusiness: state.closeOfBusiness });
