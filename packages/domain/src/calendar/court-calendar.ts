import { californiaJudicialHolidays } from './california-judicial-holidays';
import { civilDate, formatDayNumber, parseDayNumber, weekdayOf, type IsoDateString } from './civil-date';

/**
 * Court days and business days on 'YYYY-MM-DD' dates. Every method throws a RangeError for a
 * malformed date or one before 1989 (the first year the holiday table claims): inputs are expected
 * to be validated at the edge, so a bad one here is a programming error.
 */
export interface CourtCalendar {
  /** A weekday that is neither a judicial holiday (as observed) nor a closure of this calendar. */
  isCourtDay(date: string): boolean;
  /**
   * Counts n court days after `date` (CCP § 12: the first day is excluded, the last included); n < 0
   * counts backwards, n = 0 returns `date` unchanged even if it is not a court day.
   */
  addCourtDays(date: string, n: number): IsoDateString;
  /** The first court day strictly after `date`. */
  nextCourtDay(date: string): IsoDateString;
  /**
   * Why the courts are closed on `date`: the holiday's name (suffixed ' (observed)' on the day a
   * weekend holiday is moved to), or a closure's reason. Also names a holiday on its own weekend
   * date. Undefined for an ordinary weekday or weekend.
   */
  holidayName(date: string): string | undefined;
  isBusinessDay(date: string): boolean;
  addBusinessDays(date: string, n: number): IsoDateString;
  /** Close of judicial business, 'HH:MM:SS' California time: this court's setting, 17:00:00 by default. */
  readonly closeOfBusiness: string;
}

/** The close of judicial business a court keeps unless it sets its own [I] (docs/law/calendar.md). */
export const DEFAULT_CLOSE_OF_BUSINESS = '17:00:00';

export interface CourtClosure {
  readonly date: string;
  readonly reason: string;
}

export interface CourtCalendarOptions {
  /**
   * Whole days on which this court is closed although the state calendar says it is open: a
   * county's emergency closure (Gov. Code 68115), a Governor-appointed holiday, statewide closure
   * days. CCP 12b treats a day a public office is closed for as a holiday when computing time
   * (docs/law/calendar.md).
   */
  readonly localClosures?: readonly CourtClosure[];
  /** Close of judicial business, 'HH:MM' or 'HH:MM:SS'; default 17:00:00. */
  readonly closeOfBusiness?: string;
}

const CLOSE_OF_BUSINESS = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

interface HolidayIndex {
  /** Observed closure days. */
  readonly closed: ReadonlyMap<number, string>;
  /** Weekend dates of holidays that are observed on another day. */
  readonly weekendNames: ReadonlyMap<number, string>;
}

// Holidays are a pure function of the year, so caching them per year changes no result.
const holidayIndexCache = new Map<number, HolidayIndex>();

const holidayIndexFor = (year: number): HolidayIndex => {
  const cached = holidayIndexCache.get(year);
  if (cached !== undefined) return cached;
  const closed = new Map<number, string>();
  const weekendNames = new Map<number, string>();
  // A Saturday New Year's Day of year + 1 is observed on 31 December of this year.
  const years = year < 9999 ? [year, year + 1] : [year];
  for (const h of years.flatMap(californiaJudicialHolidays)) {
    const day = parseDayNumber(h.date);
    if (civilDate(day).year === year) {
      closed.set(day, h.observedFor === undefined ? h.name : `${h.name} (observed)`);
    }
    const ownDay = h.observedFor === undefined ? undefined : parseDayNumber(h.observedFor);
    if (ownDay !== undefined && civilDate(ownDay).year === year) weekendNames.set(ownDay, h.name);
  }
  const index: HolidayIndex = { closed, weekendNames };
  holidayIndexCache.set(year, index);
  return index;
};

const isWeekend = (day: number): boolean => {
  const w = weekdayOf(day);
  return w === 'Saturday' || w === 'Sunday';
};

export const createCourtCalendar = (options: CourtCalendarOptions = {}): CourtCalendar => {
  const cob = options.closeOfBusiness ?? DEFAULT_CLOSE_OF_BUSINESS;
  const cobMatch = CLOSE_OF_BUSINESS.exec(cob);
  if (cobMatch === null) throw new RangeError(`close of business must be 'HH:MM[:SS]', not ${JSON.stringify(cob)}`);
  const closeOfBusiness = `${cobMatch[1]}:${cobMatch[2]}:${cobMatch[3] ?? '00'}`;
  const closures = new Map<number, string>();
  for (const c of options.localClosures ?? []) {
    const day = parseDayNumber(c.date);
    if (!closures.has(day)) closures.set(day, c.reason);
  }

  const judicialHoliday = (day: number): string | undefined => holidayIndexFor(civilDate(day).year).closed.get(day);

  const courtDay = (day: number): boolean => !isWeekend(day) && judicialHoliday(day) === undefined && !closures.has(day);

  const addCourtDays = (date: string, n: number): IsoDateString => {
    if (!Number.isSafeInteger(n)) throw new RangeError(`court-day count must be an integer, not ${n}`);
    let day = parseDayNumber(date);
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (courtDay(day)) left -= 1;
    }
    return formatDayNumber(day);
  };

  const isCourtDay = (date: string): boolean => courtDay(parseDayNumber(date));

  return {
    isCourtDay,
    addCourtDays,
    nextCourtDay: (date) => addCourtDays(date, 1),
    holidayName: (date) => {
      const day = parseDayNumber(date);
      const index = holidayIndexFor(civilDate(day).year);
      return index.closed.get(day) ?? index.weekendNames.get(day) ?? closures.get(day);
    },
    // Fam. Code 6380's "one business day" is read as one court day (docs/law/calendar.md). The
    // deadlines it sets are met through the court or a CLETS-entering agency working court
    // hours, and CCP 12a–12b count weekends, judicial holidays and closed-office days alike.
    // Civ. Code 7 and 9 define business days against Gov. Code 6700 holidays instead (Admission
    // Day, Lunar New Year would then count as holidays) — [U] unverified — confirm against the
    // statute whether that definition governs 6380; if so, only these two methods change.
    isBusinessDay: isCourtDay,
    addBusinessDays: addCourtDays,
    closeOfBusiness,
  };
};

/** The statewide calendar: judicial holidays only, no court-specific closures. */
export const californiaCourtCalendar: CourtCalendar = createCourtCalendar();
