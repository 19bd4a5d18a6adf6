import fc from 'fast-check';
import { californiaCourtCalendar as ca, createCourtCalendar } from './court-calendar';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (date: string, n: number) => iso(Date.parse(date) + n * DAY_MS);

describe('isCourtDay and holidayName', () => {
  test('weekends are not court days', () => {
    expect(ca.isCourtDay('2026-11-21')).toBe(false);
    expect(ca.isCourtDay('2026-11-22')).toBe(false);
    expect(ca.isCourtDay('2026-11-23')).toBe(true);
    expect(ca.holidayName('2026-11-21')).toBeUndefined();
  });

  test('Thanksgiving and the day after are closed', () => {
    expect(ca.isCourtDay('2026-11-26')).toBe(false);
    expect(ca.isCourtDay('2026-11-27')).toBe(false);
    expect(ca.holidayName('2026-11-26')).toBe('Thanksgiving Day');
    expect(ca.holidayName('2026-11-27')).toBe('Day after Thanksgiving');
  });

  test('a weekend holiday closes its observed weekday and still names its own date', () => {
    expect(ca.isCourtDay('2026-07-03')).toBe(false);
    expect(ca.holidayName('2026-07-03')).toBe('Independence Day (observed)');
    expect(ca.holidayName('2026-07-04')).toBe('Independence Day');
    expect(ca.isCourtDay('2022-12-26')).toBe(false);
    expect(ca.holidayName('2022-12-26')).toBe('Christmas Day (observed)');
  });

  test("31 December 2021 is closed for the Saturday New Year's Day of 2022", () => {
    expect(ca.isCourtDay('2021-12-31')).toBe(false);
    expect(ca.holidayName('2021-12-31')).toBe("New Year's Day (observed)");
    expect(ca.holidayName('2022-01-01')).toBe("New Year's Day");
    expect(ca.isCourtDay('2021-12-30')).toBe(true);
  });

  test('Columbus Day is a court day from 2022, Native American Day is not', () => {
    expect(ca.isCourtDay('2021-10-11')).toBe(false);
    expect(ca.isCourtDay('2026-10-12')).toBe(true);
    expect(ca.isCourtDay('2026-09-25')).toBe(false);
  });

  test('malformed dates and years before the table throw', () => {
    expect(() => ca.isCourtDay('2026-02-30')).toThrow(RangeError);
    expect(() => ca.isCourtDay('11/20/2026')).toThrow(RangeError);
    expect(() => ca.isCourtDay('1988-06-01')).toThrow(RangeError);
    expect(() => ca.addCourtDays('2026-11-20', 1.5)).toThrow(RangeError);
  });
});

describe('addCourtDays and nextCourtDay', () => {
  test('5 court days after Friday 2026-11-20 skip the weekend and Thanksgiving Thursday/Friday', () => {
    expect(ca.addCourtDays('2026-11-20', 5)).toBe('2026-12-01');
  });

  test('across a plain weekend', () => {
    expect(ca.addCourtDays('2026-10-16', 1)).toBe('2026-10-19');
    expect(ca.addCourtDays('2026-10-16', 5)).toBe('2026-10-23');
  });

  test('across the Independence Day weekend of 2026 (observed Friday 3 July)', () => {
    expect(ca.addCourtDays('2026-07-02', 1)).toBe('2026-07-06');
    expect(ca.nextCourtDay('2026-07-02')).toBe('2026-07-06');
  });

  test('across the year end when New Year falls on a Saturday', () => {
    expect(ca.addCourtDays('2021-12-23', 1)).toBe('2021-12-27');
    expect(ca.addCourtDays('2021-12-27', 4)).toBe('2022-01-03');
  });

  test('n = 0 returns the date itself; negative n counts backwards', () => {
    expect(ca.addCourtDays('2026-11-28', 0)).toBe('2026-11-28');
    expect(ca.addCourtDays('2026-11-30', -1)).toBe('2026-11-25');
    expect(ca.addCourtDays('2026-12-01', -5)).toBe('2026-11-20');
  });

  test('nextCourtDay is strictly after, even from a court day', () => {
    expect(ca.nextCourtDay('2026-11-23')).toBe('2026-11-24');
    expect(ca.nextCourtDay('2026-11-25')).toBe('2026-11-30');
  });
});

describe('local closures', () => {
  const closures = [
    { date: '2026-11-24', reason: 'Courthouse closed: power outage' },
    { date: '2026-11-28', reason: 'Saturday closure' },
  ];
  const local = createCourtCalendar({ localClosures: closures });

  test('a closure removes its day from this calendar only', () => {
    expect(local.isCourtDay('2026-11-24')).toBe(false);
    expect(ca.isCourtDay('2026-11-24')).toBe(true);
    expect(local.holidayName('2026-11-24')).toBe('Courthouse closed: power outage');
    expect(local.addCourtDays('2026-11-20', 5)).toBe('2026-12-02');
  });

  test('a judicial holiday keeps its name on a day that is also closed locally', () => {
    const both = createCourtCalendar({ localClosures: [{ date: '2026-11-26', reason: 'storm' }] });
    expect(both.holidayName('2026-11-26')).toBe('Thanksgiving Day');
  });

  test('a malformed closure date is refused when the calendar is made', () => {
    expect(() => createCourtCalendar({ localClosures: [{ date: '2026-11-31', reason: 'x' }] })).toThrow(RangeError);
  });

  test('business days follow court days, closures included', () => {
    expect(local.isBusinessDay('2026-11-24')).toBe(false);
    expect(local.addBusinessDays('2026-11-20', 5)).toBe('2026-12-02');
    expect(ca.addBusinessDays('2026-11-20', 5)).toBe('2026-12-01');
  });
});

describe('properties', () => {
  const date = fc
    .integer({ min: Date.UTC(1989, 0, 1) / DAY_MS, max: Date.UTC(2150, 11, 31) / DAY_MS })
    .map((n) => iso(n * DAY_MS));
  // Closures near the start date, where they change the count; some land on weekends or holidays.
  const closureOffsets = fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 15 });
  const countCourtDays = (cal: typeof ca, from: string, to: string, step: 1 | -1) => {
    let count = 0;
    for (let d = plusDays(from, step); ; d = plusDays(d, step)) {
      if (cal.isCourtDay(d)) count += 1;
      if (d === to) return count;
    }
  };

  test('addCourtDays(d, n) is a court day for n ≥ 1 and strictly increasing in n', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const a = ca.addCourtDays(d, n);
        return ca.isCourtDay(a) && ca.addCourtDays(d, n - 1) < a && a < ca.addCourtDays(d, n + 1);
      }),
    );
  });

  test('there are exactly n court days in (d, addCourtDays(d, n)], with or without closures', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), closureOffsets, (d, n, offsets) => {
        const cal = createCourtCalendar({ localClosures: offsets.map((k) => ({ date: plusDays(d, k), reason: 'closed' })) });
        return countCourtDays(cal, d, cal.addCourtDays(d, n), 1) === n;
      }),
    );
  });

  test('counting backwards is the mirror: exactly n court days in [addCourtDays(d, -n), d)', () => {
    // Dates from April 1989, so 60 court days back stay inside the table's first year.
    const laterDate = date.filter((d) => d >= '1989-04-01');
    fc.assert(
      fc.property(laterDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const back = ca.addCourtDays(d, -n);
        return ca.isCourtDay(back) && countCourtDays(ca, d, back, -1) === n;
      }),
    );
  });

  test('nextCourtDay is the first court day after d', () => {
    fc.assert(
      fc.property(date, (d) => {
        const next = ca.nextCourtDay(d);
        for (let x = plusDays(d, 1); x < next; x = plusDays(x, 1)) if (ca.isCourtDay(x)) return false;
        return ca.isCourtDay(next);
      }),
    );
  });

  test('a weekday is a court day exactly when holidayName has nothing to say about it', () => {
    fc.assert(
      fc.property(date, closureOffsets, (d, offsets) => {
        const cal = createCourtCalendar({ localClosures: offsets.map((k) => ({ date: plusDays(d, k), reason: 'closed' })) });
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        return wd === 0 || wd === 6 || cal.isCourtDay(d) === (cal.holidayName(d) === undefined);
      }),
    );
  });

  test('business days coincide with court days', () => {
    fc.assert(fc.property(date, (d) => ca.isBusinessDay(d) === ca.isCourtDay(d)));
  });
});
