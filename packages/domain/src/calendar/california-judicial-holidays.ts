import {
  dayNumber,
  formatDayNumber,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  weekdayOf,
  type IsoDateString,
  type Weekday,
} from './civil-date';

/**
 * California judicial holidays, computed by rule so that any year works without a yearly list.
 *
 * Law: CCP § 135 makes every full-day holiday of Gov. Code § 6700 a judicial holiday, except
 * Admission Day (Sept 9), Columbus Day (from 2022, AB 855), days appointed by the President but
 * not the Governor, and (per the current text) Lunar New Year and Genocide Remembrance Day; it
 * adds every Saturday and the day after Thanksgiving. Good Friday 12–3 pm is not a full day.
 * Saturdays and Sundays are handled by the court calendar as weekend days, so they are not rows.
 * A day the Governor appoints as a holiday cannot be computed: pass it as a closure to
 * `createCourtCalendar`.
 *
 * Labels (ADR 0004; docs/law/calendar.md): [S] the statute or a public source confirms the row;
 * [U] unverified — confirm against the statute before relying on it.
 */

export type HolidayDateRule =
  | { readonly kind: 'fixed'; readonly month: number; readonly day: number }
  | {
      readonly kind: 'nth';
      readonly nth: number;
      readonly weekday: Weekday;
      readonly month: number;
      /** Days to add after finding the weekday: the day after Thanksgiving is 4th Thursday + 1. */
      readonly plusDays?: number;
    }
  | { readonly kind: 'last'; readonly weekday: Weekday; readonly month: number };

export interface JudicialHolidayRule {
  readonly name: string;
  readonly rule: HolidayDateRule;
  readonly statute: string;
  /** First year the rule applies; absent = in force for every year this table claims. */
  readonly firstYear?: number;
  /** Last year the rule applies; absent = still in force. */
  readonly lastYear?: number;
  readonly label: '[S]' | '[U]';
  readonly note?: string;
}

/**
 * The table claims nothing before 1989: CCP §§ 133–136 (Article 3) and the observance rule of
 * CRC 1.11 (then rule 987) became operative on 1 January 1989.
 */
export const JUDICIAL_HOLIDAYS_FIRST_YEAR = 1989;

const fixed = (month: number, day: number): HolidayDateRule => ({ kind: 'fixed', month, day });
const nth = (n: number, weekday: Weekday, month: number, plusDays = 0): HolidayDateRule => ({
  kind: 'nth',
  nth: n,
  weekday,
  month,
  plusDays,
});
const last = (weekday: Weekday, month: number): HolidayDateRule => ({ kind: 'last', weekday, month });

const CCP135 = 'CCP § 135';
const GOV6700 = 'Gov. Code § 6700(a)';

export const JUDICIAL_HOLIDAY_RULES: readonly JudicialHolidayRule[] = [
  { name: "New Year's Day", rule: fixed(1, 1), statute: `${GOV6700}(2); ${CCP135}`, label: '[S]' },
  {
    name: 'Dr. Martin Luther King, Jr. Day',
    rule: nth(3, 'Monday', 1),
    statute: `${GOV6700}(3); ${CCP135}`,
    // [U] unverified — confirm against the statute: the year it entered § 6700 (assumed before 1989).
    label: '[U]',
    note: 'date rule [S]; assumed in force since before 1989',
  },
  { name: 'Lincoln Day', rule: fixed(2, 12), statute: `${GOV6700}(5); ${CCP135}`, label: '[S]' },
  { name: "Presidents' Day", rule: nth(3, 'Monday', 2), statute: `${GOV6700}(6); ${CCP135}`, label: '[S]' },
  {
    name: 'Cesar Chavez Day',
    rule: fixed(3, 31),
    statute: `${GOV6700}(7); ${CCP135}`,
    firstYear: 2001,
    // [U] unverified — confirm against the statute: added to § 6700 in 2000, first observed 2001?
    label: '[U]',
    note: 'date rule [S]; first year unverified',
  },
  { name: 'Memorial Day', rule: last('Monday', 5), statute: `${GOV6700}(9); ${CCP135}`, label: '[S]' },
  {
    name: 'Juneteenth',
    rule: fixed(6, 19),
    statute: `${GOV6700}(10); ${CCP135}; AB 1655 (2022)`,
    firstYear: 2023,
    label: '[S]',
    note: 'Judicial Council: first observed as a judicial holiday on 19 June 2023',
  },
  { name: 'Independence Day', rule: fixed(7, 4), statute: `${GOV6700}(11); ${CCP135}`, label: '[S]' },
  { name: 'Labor Day', rule: nth(1, 'Monday', 9), statute: `${GOV6700}(12); ${CCP135}`, label: '[S]' },
  {
    name: 'Native American Day',
    rule: nth(4, 'Friday', 9),
    statute: `${GOV6700}(14); ${CCP135} as amended by AB 855 (Stats. 2021, ch. 283)`,
    firstYear: 2022,
    // From 2022 this row is [S]. Before: AB 1973 made it a § 6700 holiday from 2015 and CCP § 135
    // excepted it until AB 855. 2015 alone is [U] unverified — confirm against the statute: the
    // exception may have come after AB 1973 took effect, leaving 2015 a judicial holiday.
    label: '[S]',
    note: 'judicial holiday from 2022 (AB 855) [S]; status in 2015 [U]',
  },
  {
    name: 'Columbus Day',
    rule: nth(2, 'Monday', 10),
    statute: `${GOV6700}(15); ${CCP135} before AB 855 (Stats. 2021, ch. 283)`,
    lastYear: 2021,
    label: '[S]',
    note: 'AB 855 added it to the CCP § 135 exceptions from 2022',
  },
  { name: 'Veterans Day', rule: fixed(11, 11), statute: `${GOV6700}(16); ${CCP135}`, label: '[S]' },
  {
    name: 'Thanksgiving Day',
    rule: nth(4, 'Thursday', 11),
    statute: `${CCP135} (the Thursday the President declares); 5 U.S.C. § 6103 (fourth Thursday)`,
    label: '[S]',
  },
  {
    name: 'Day after Thanksgiving',
    rule: nth(4, 'Thursday', 11, 1),
    statute: CCP135,
    // [U] unverified — confirm against the statute: the year CCP § 135 first named it (assumed 1989).
    label: '[U]',
    note: 'in force today [S]; assumed in force since 1989',
  },
  { name: 'Christmas Day', rule: fixed(12, 25), statute: `${GOV6700}; ${CCP135}`, label: '[S]' },
];

/**
 * CRC 1.11 (adopted as rule 987, operative 1989): a CCP § 135 holiday falling on a Saturday is
 * observed on the preceding Friday, one falling on a Sunday on the following Monday. This is wider
 * than Gov. Code § 6701, which moves only Nov 11 back from a Saturday — that rule is for state
 * offices, not courts.
 */
export const OBSERVANCE_RULE_SOURCE = 'Cal. Rules of Court, rule 1.11; CCP § 135';

export interface JudicialHoliday {
  /** The day the courts are closed. */
  readonly date: IsoDateString;
  readonly name: string;
  /** The holiday's own date, present only when it falls on a weekend and is observed elsewhere. */
  readonly observedFor?: IsoDateString;
}

const ruleDay = (rule: HolidayDateRule, year: number): number => {
  switch (rule.kind) {
    case 'fixed':
      return dayNumber(year, rule.month, rule.day);
    case 'nth':
      return nthWeekdayOfMonth(year, rule.month, rule.weekday, rule.nth) + (rule.plusDays ?? 0);
    case 'last':
      return lastWeekdayOfMonth(year, rule.month, rule.weekday);
  }
};

const inForce = (r: JudicialHolidayRule, year: number): boolean =>
  (r.firstYear === undefined || year >= r.firstYear) && (r.lastYear === undefined || year <= r.lastYear);

/**
 * The judicial holidays of the given year, in date order. A holiday is listed under its own year
 * even when observed in another: New Year's Day on a Saturday is observed on Friday 31 December of
 * the year before, so `californiaJudicialHolidays(2022)` starts with 2021-12-31.
 */
export const californiaJudicialHolidays = (year: number): JudicialHoliday[] => {
  if (!Number.isInteger(year) || year < JUDICIAL_HOLIDAYS_FIRST_YEAR || year > 9999) {
    throw new RangeError(`judicial holidays are encoded for ${JUDICIAL_HOLIDAYS_FIRST_YEAR}–9999, not ${year}`);
  }
  return JUDICIAL_HOLIDAY_RULES.filter((r) => inForce(r, year))
    .map((r): JudicialHoliday => {
      const actual = ruleDay(r.rule, year);
      const weekday = weekdayOf(actual);
      const observed = weekday === 'Saturday' ? actual - 1 : weekday === 'Sunday' ? actual + 1 : actual;
      return observed === actual
        ? { date: formatDayNumber(actual), name: r.name }
        : { date: formatDayNumber(observed), name: r.name, observedFor: formatDayNumber(actual) };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
};
