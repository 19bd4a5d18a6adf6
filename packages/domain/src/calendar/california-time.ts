import { civilDate, lastWeekdayOfMonth, nthWeekdayOfMonth, parseDayNumber } from './civil-date';

/**
 * America/Los_Angeles wall clock ↔ instant, by the federal DST rules (15 U.S.C. § 260a), without
 * Intl or a tz database so the domain stays pure and gives the same answer on every host.
 * Instants before 1987 are refused rather than guessed: the earlier US rules (1967–1986, with the
 * 1974–75 energy-crisis years) are not encoded. The rules assume federal law keeps its 2007 form;
 * a change (e.g. permanent daylight time) means adding a row to DST_RULES.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const PACIFIC_STANDARD_OFFSET_MINUTES = -480;
export const PACIFIC_DAYLIGHT_OFFSET_MINUTES = -420;

export const CALIFORNIA_TIME_FIRST_YEAR = 1987;

interface DstRule {
  readonly fromYear: number;
  readonly toYear?: number;
  /** Day number of the switch to daylight time (at 02:00 PST) in the given year. */
  readonly start: (year: number) => number;
  /** Day number of the switch back (at 02:00 PDT). */
  readonly end: (year: number) => number;
  readonly source: string;
}

const DST_RULES: readonly DstRule[] = [
  {
    fromYear: 2007,
    start: (y) => nthWeekdayOfMonth(y, 3, 'Sunday', 2),
    end: (y) => nthWeekdayOfMonth(y, 11, 'Sunday', 1),
    source: 'Energy Policy Act of 2005 § 110',
  },
  {
    fromYear: 1987,
    toYear: 2006,
    start: (y) => nthWeekdayOfMonth(y, 4, 'Sunday', 1),
    end: (y) => lastWeekdayOfMonth(y, 10, 'Sunday'),
    source: 'Uniform Time Act as amended in 1986',
  },
];

/** Both switches happen at 02:00 local time: 10:00 UTC in spring (PST), 09:00 UTC in autumn (PDT). */
const dstBoundsMs = (year: number): { start: number; end: number } => {
  const rule = DST_RULES.find((r) => year >= r.fromYear && (r.toYear === undefined || year <= r.toYear));
  if (rule === undefined) {
    throw new RangeError(`California time is encoded from ${CALIFORNIA_TIME_FIRST_YEAR}, not for ${year}`);
  }
  return { start: rule.start(year) * DAY_MS + 10 * HOUR_MS, end: rule.end(year) * DAY_MS + 9 * HOUR_MS };
};

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d+)?)?(Z|([+-])([01]\d|2[0-3]):([0-5]\d))$/;

/** Milliseconds since the epoch; a malformed instant is a programming error and throws. */
const parseInstantMs = (iso: string): number => {
  const m = INSTANT.exec(iso);
  if (m === null) throw new RangeError(`not an ISO instant with Z or an offset: ${JSON.stringify(iso)}`);
  const [, date = '', hh, mm, ss = '0', frac = '', zone, sign, oh = '0', om = '0'] = m;
  const millis = frac === '' ? 0 : Math.floor(Number(`0${frac}`) * 1000);
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return (
    parseDayNumber(date) * DAY_MS +
    Number(hh) * HOUR_MS +
    Number(mm) * MINUTE_MS +
    Number(ss) * 1000 +
    millis -
    offsetMinutes * MINUTE_MS
  );
};

const offsetAtMs = (ms: number): number => {
  const { year } = civilDate(Math.floor(ms / DAY_MS));
  const { start, end } = dstBoundsMs(year);
  return ms >= start && ms < end ? PACIFIC_DAYLIGHT_OFFSET_MINUTES : PACIFIC_STANDARD_OFFSET_MINUTES;
};

const pad2 = (v: number): string => String(v).padStart(2, '0');

/** Wall-clock parts of an instant; seconds are truncated, as a clock display would. */
const wallClock = (ms: number): { date: string; time: string; offset: number } => {
  const offset = offsetAtMs(ms);
  const local = ms + offset * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const secondOfDay = Math.floor((local - day * DAY_MS) / 1000);
  const { year, month, day: dom } = civilDate(day);
  return {
    date: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dom)}`,
    time: `${pad2(Math.floor(secondOfDay / 3600))}:${pad2(Math.floor(secondOfDay / 60) % 60)}:${pad2(secondOfDay % 60)}`,
    offset,
  };
};

const formatOffset = (minutes: number): string => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
};

/** −480 (PST) or −420 (PDT) at the given instant. */
export const californiaOffsetMinutes = (instantIso: string): number => offsetAtMs(parseInstantMs(instantIso));

export interface CaliforniaLocal {
  /** 'YYYY-MM-DD' */
  readonly date: string;
  /** 'HH:MM:SS' */
  readonly time: string;
}

export const toCaliforniaLocal = (instantIso: string): CaliforniaLocal => {
  const { date, time } = wallClock(parseInstantMs(instantIso));
  return { date, time };
};

export const californiaLocalDate = (instantIso: string): string => toCaliforniaLocal(instantIso).date;

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * The instant a California wall clock shows `date` `time` ('HH:MM' or 'HH:MM:SS'), written with
 * the offset in force then, e.g. '2026-11-25T17:00:00-08:00'.
 * - Spring forward (02:00–02:59 does not exist): the time is moved forward by the hour the clocks
 *   skipped, so 02:30 becomes 03:30 PDT — what a clock left on standard time would have meant.
 * - Fall back (01:00–01:59 happens twice): the earlier, daylight-time instant is chosen, so a
 *   deadline of "01:30" is never read as later than the first time the clock showed it.
 */
export const fromCaliforniaLocal = (date: string, time: string): string => {
  const t = LOCAL_TIME.exec(time);
  if (t === null) throw new RangeError(`not a wall-clock time 'HH:MM[:SS]': ${JSON.stringify(time)}`);
  const wallMs =
    parseDayNumber(date) * DAY_MS + Number(t[1]) * HOUR_MS + Number(t[2]) * MINUTE_MS + Number(t[3] ?? '0') * 1000;
  const asDaylight = wallMs - PACIFIC_DAYLIGHT_OFFSET_MINUTES * MINUTE_MS;
  const asStandard = wallMs - PACIFIC_STANDARD_OFFSET_MINUTES * MINUTE_MS;
  // Daylight first: in the repeated hour both readings are valid and the daylight one is earlier.
  // In the skipped hour neither is valid, and the standard reading is the moved-forward instant.
  const instant = offsetAtMs(asDaylight) === PACIFIC_DAYLIGHT_OFFSET_MINUTES ? asDaylight : asStandard;
  const shown = wallClock(instant);
  return `${shown.date}T${shown.time}${formatOffset(shown.offset)}`;
};
