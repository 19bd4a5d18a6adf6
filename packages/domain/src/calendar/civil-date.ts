/**
 * Proleptic-Gregorian day arithmetic on plain integers (days since 1970-01-01), so no result can
 * depend on the host's time zone and no `Date` quirk (two-digit years map to 19xx) can leak in.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`.
 */

/** A calendar date as text, 'YYYY-MM-DD'. */
export type IsoDateString = `${number}-${number}-${number}`;

export type Weekday = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

const WEEKDAYS: readonly Weekday[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export const isLeapYear = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

export const dayNumber = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = floorDiv(yy, 400);
  const yoe = yy - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
};

export const civilDate = (n: number): CivilDate => {
  const z = n + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

/** 1970-01-01 was a Thursday. */
export const weekdayOf = (n: number): Weekday => WEEKDAYS[(((n + 4) % 7) + 7) % 7] as Weekday;

export const weekdayIndex = (w: Weekday): number => WEEKDAYS.indexOf(w);

const pad = (v: number, width: number): string => String(v).padStart(width, '0');

/** Four-digit years only, because that is all 'YYYY-MM-DD' can carry. */
export const formatDayNumber = (n: number): IsoDateString => {
  const { year, month, day } = civilDate(n);
  if (year < 1 || year > 9999) throw new RangeError(`date out of range 0001–9999: day ${n}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDateString;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Callers are expected to hold an already-validated date (the `IsoDate` codec at the edge), so a
 * malformed one here is a programming error and throws rather than returning a value.
 */
export const parseDayNumber = (date: string): number => {
  const m = DATE.exec(date);
  const [y, mo, d] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (m === null || y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  }
  return dayNumber(y, mo, d);
};

/** Day number of the nth (1-based) given weekday of a month, e.g. the 3rd Monday of January. */
export const nthWeekdayOfMonth = (year: number, month: number, weekday: Weekday, nth: number): number => {
  const first = dayNumber(year, month, 1);
  const shift = (weekdayIndex(weekday) - weekdayIndex(weekdayOf(first)) + 7) % 7;
  return first + shift + 7 * (nth - 1);
};

export const lastWeekdayOfMonth = (year: number, month: number, weekday: Weekday): number => {
  const last = dayNumber(year, month, daysInMonth(year, month));
  return last - ((weekdayIndex(weekdayOf(last)) - weekdayIndex(weekday) + 7) % 7);
};
