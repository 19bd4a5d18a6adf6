import fc from 'fast-check';
import {
  californiaJudicialHolidays,
  JUDICIAL_HOLIDAY_RULES,
  JUDICIAL_HOLIDAYS_FIRST_YEAR,
} from './california-judicial-holidays';

const table = (year: number) => californiaJudicialHolidays(year).map((h) => [h.date, h.name, h.observedFor]);

const utcWeekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('californiaJudicialHolidays, against the courts’ published schedules', () => {
  // 2025 and 2026 as published by the superior courts (e.g. sanbernardino.courts.ca.gov, node 507;
  // appellate.courts.ca.gov 2026 schedule).
  test('2025', () => {
    expect(table(2025)).toEqual([
      ['2025-01-01', "New Year's Day", undefined],
      ['2025-01-20', 'Dr. Martin Luther King, Jr. Day', undefined],
      ['2025-02-12', 'Lincoln Day', undefined],
      ['2025-02-17', "Presidents' Day", undefined],
      ['2025-03-31', 'Cesar Chavez Day', undefined],
      ['2025-05-26', 'Memorial Day', undefined],
      ['2025-06-19', 'Juneteenth', undefined],
      ['2025-07-04', 'Independence Day', undefined],
      ['2025-09-01', 'Labor Day', undefined],
      ['2025-09-26', 'Native American Day', undefined],
      ['2025-11-11', 'Veterans Day', undefined],
      ['2025-11-27', 'Thanksgiving Day', undefined],
      ['2025-11-28', 'Day after Thanksgiving', undefined],
      ['2025-12-25', 'Christmas Day', undefined],
    ]);
  });

  test('2026: Independence Day on a Saturday is observed on Friday 3 July', () => {
    expect(table(2026)).toEqual([
      ['2026-01-01', "New Year's Day", undefined],
      ['2026-01-19', 'Dr. Martin Luther King, Jr. Day', undefined],
      ['2026-02-12', 'Lincoln Day', undefined],
      ['2026-02-16', "Presidents' Day", undefined],
      ['2026-03-31', 'Cesar Chavez Day', undefined],
      ['2026-05-25', 'Memorial Day', undefined],
      ['2026-06-19', 'Juneteenth', undefined],
      ['2026-07-03', 'Independence Day', '2026-07-04'],
      ['2026-09-07', 'Labor Day', undefined],
      ['2026-09-25', 'Native American Day', undefined],
      ['2026-11-11', 'Veterans Day', undefined],
      ['2026-11-26', 'Thanksgiving Day', undefined],
      ['2026-11-27', 'Day after Thanksgiving', undefined],
      ['2026-12-25', 'Christmas Day', undefined],
    ]);
  });

  test('2024: Cesar Chavez Day on a Sunday is observed on Monday 1 April', () => {
    expect(californiaJudicialHolidays(2024)).toContainEqual({
      date: '2024-04-01',
      name: 'Cesar Chavez Day',
      observedFor: '2024-03-31',
    });
  });
});

describe('observance and year boundaries', () => {
  test('Christmas 2022 on a Sunday is observed on Monday 26 December', () => {
    expect(californiaJudicialHolidays(2022)).toContainEqual({
      date: '2022-12-26',
      name: 'Christmas Day',
      observedFor: '2022-12-25',
    });
  });

  test('Christmas 2021 on a Saturday is observed on Friday 24 December', () => {
    expect(californiaJudicialHolidays(2021)).toContainEqual({
      date: '2021-12-24',
      name: 'Christmas Day',
      observedFor: '2021-12-25',
    });
  });

  test("a Saturday New Year's Day is listed under its own year, observed on 31 December before", () => {
    expect(californiaJudicialHolidays(2022)[0]).toEqual({
      date: '2021-12-31',
      name: "New Year's Day",
      observedFor: '2022-01-01',
    });
    expect(californiaJudicialHolidays(2021).map((h) => h.date)).not.toContain('2021-12-31');
  });

  test('Lincoln Day on a Saturday (2022) moves to Friday 11 February', () => {
    expect(californiaJudicialHolidays(2022)).toContainEqual({
      date: '2022-02-11',
      name: 'Lincoln Day',
      observedFor: '2022-02-12',
    });
  });

  test('Thanksgiving is the fourth Thursday and is followed by the day after', () => {
    const thanksgiving = (y: number) => californiaJudicialHolidays(y).filter((h) => h.name.includes('Thanksgiving'));
    expect(thanksgiving(2024).map((h) => h.date)).toEqual(['2024-11-28', '2024-11-29']);
    // November 2029 starts on a Thursday: the fourth Thursday is the 22nd, its earliest possible date.
    expect(thanksgiving(2029).map((h) => h.date)).toEqual(['2029-11-22', '2029-11-23']);
  });
});

describe('rules that start or stop', () => {
  const names = (y: number) => californiaJudicialHolidays(y).map((h) => h.name);

  test('Juneteenth is a judicial holiday from 2023 (AB 1655)', () => {
    expect(names(2022)).not.toContain('Juneteenth');
    expect(californiaJudicialHolidays(2023)).toContainEqual({ date: '2023-06-19', name: 'Juneteenth' });
  });

  test('AB 855 swaps Columbus Day for Native American Day from 2022', () => {
    expect(californiaJudicialHolidays(2021)).toContainEqual({ date: '2021-10-11', name: 'Columbus Day' });
    expect(names(2021)).not.toContain('Native American Day');
    expect(names(2022)).not.toContain('Columbus Day');
    expect(californiaJudicialHolidays(2022)).toContainEqual({ date: '2022-09-23', name: 'Native American Day' });
  });

  test('Cesar Chavez Day is absent before 2001', () => {
    expect(names(2000)).not.toContain('Cesar Chavez Day');
    expect(names(2001)).toContain('Cesar Chavez Day');
  });

  test('years outside the table are refused rather than guessed', () => {
    expect(() => californiaJudicialHolidays(JUDICIAL_HOLIDAYS_FIRST_YEAR - 1)).toThrow(RangeError);
    expect(() => californiaJudicialHolidays(2025.5)).toThrow(RangeError);
    expect(() => californiaJudicialHolidays(JUDICIAL_HOLIDAYS_FIRST_YEAR)).not.toThrow();
  });

  test('every rule row names a statute and a known label', () => {
    for (const r of JUDICIAL_HOLIDAY_RULES) {
      expect(r.statute).toMatch(/CCP § 135/);
      expect(['[S]', '[U]']).toContain(r.label);
    }
  });
});

describe('properties over 1989–2200', () => {
  const year = fc.integer({ min: JUDICIAL_HOLIDAYS_FIRST_YEAR, max: 2200 });

  test("every holiday is in its year, or is a Saturday New Year's Day observed on 31 December before", () => {
    fc.assert(
      fc.property(year, (y) =>
        californiaJudicialHolidays(y).every(
          (h) =>
            h.date.startsWith(`${y}-`) ||
            (h.date === `${y - 1}-12-31` && h.name === "New Year's Day" && h.observedFor === `${y}-01-01`),
        ),
      ),
    );
  });

  test('every observed date is a weekday, and is moved only from a weekend by one day', () => {
    fc.assert(
      fc.property(year, (y) =>
        californiaJudicialHolidays(y).every((h) => {
          const wd = utcWeekday(h.date);
          if (wd === 0 || wd === 6) return false;
          if (h.observedFor === undefined) return true;
          const actual = utcWeekday(h.observedFor);
          const shift = (Date.parse(h.date) - Date.parse(h.observedFor)) / 86_400_000;
          return (actual === 6 && shift === -1) || (actual === 0 && shift === 1);
        }),
      ),
    );
  });

  test('observed dates are sorted and distinct', () => {
    fc.assert(
      fc.property(year, (y) => {
        const dates = californiaJudicialHolidays(y).map((h) => h.date);
        return dates.every((d, i) => i === 0 || (dates[i - 1] ?? '') < d);
      }),
    );
  });
});
