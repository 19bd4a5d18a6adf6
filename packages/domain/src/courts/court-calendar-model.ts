import * as t from 'io-ts';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { Ori } from '../value-objects/ori';
import { LocalTime } from '../order/order-details';

/**
 * A court's own calendar (docs/law/calendar.md): the days it is closed although the statewide
 * calendar has it open, and its close of judicial business. One stream per court,
 * `court-calendar-<ORI>`; a state or local administrator keeps it, and every change is an event
 * with its actor, so the audit shows who closed a court and when (ADR 0043).
 */
export const COURT_CALENDAR_STREAM_PREFIX = 'court-calendar-';
export const courtCalendarStreamId = (courtOri: string): string => `${COURT_CALENDAR_STREAM_PREFIX}${courtOri}`;

/**
 * Why the court is closed: a day the court (as a public office) is closed, which CCP 12b treats
 * as a holiday; an emergency order of the Chief Justice or presiding judge (Gov. Code 68115); a
 * holiday the Governor appoints (Gov. Code 6700(a)(16)); another reason.
 */
export const ClosureAuthority = t.keyof(
  { 'ccp-12b': null, 'gov-68115': null, 'governor-appointed': null, other: null },
  'ClosureAuthority',
);
export type ClosureAuthority = t.TypeOf<typeof ClosureAuthority>;

const Reason = t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 200, 'reason (1–200 characters)');

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), courtOri: Ori, at: IsoDateTime, ...props }, type);

export const RecordCourtClosure = command('RecordCourtClosure', { date: OrderDate, reason: Reason, authority: ClosureAuthority });
export const WithdrawCourtClosure = command('WithdrawCourtClosure', { date: OrderDate, reason: Reason });
export const SetCloseOfBusiness = command('SetCloseOfBusiness', { time: LocalTime });

export const CourtCalendarCommand = t.union([RecordCourtClosure, WithdrawCourtClosure, SetCloseOfBusiness], 'CourtCalendarCommand');
export type CourtCalendarCommand = t.TypeOf<typeof CourtCalendarCommand>;

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), schemaVersion: t.literal(1), data: t.type(props) }, type);

export const CourtClosureRecorded = event('CourtClosureRecorded', {
  courtOri: Ori,
  date: OrderDate,
  reason: t.string,
  authority: ClosureAuthority,
  recordedAt: IsoDateTime,
});
export const CourtClosureWithdrawn = event('CourtClosureWithdrawn', { courtOri: Ori, date: OrderDate, reason: t.string, withdrawnAt: IsoDateTime });
export const CloseOfBusinessSet = event('CloseOfBusinessSet', { courtOri: Ori, time: t.string, previous: t.string, setAt: IsoDateTime });

export const CourtCalendarEvent = t.union([CourtClosureRecorded, CourtClosureWithdrawn, CloseOfBusinessSet], 'CourtCalendarEvent');
export type CourtCalendarEvent = t.TypeOf<typeof CourtCalendarEvent>;
export const COURT_CALENDAR_EVENT_TYPES: readonly CourtCalendarEvent['type'][] = CourtCalendarEvent.types.map((c) => c.props.type.value);

export interface CourtClosureEntry {
  readonly date: string;
  readonly reason: string;
  readonly authority: ClosureAuthority;
  readonly recordedAt: string;
}

export interface CourtCalendarState {
  readonly courtOri?: string;
  /** In date order. */
  readonly closures: readonly CourtClosureEntry[];
  /** 'HH:MM:SS' California time. */
  readonly closeOfBusiness: string;
}
