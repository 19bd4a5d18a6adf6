import fc from 'fast-check';
import {
  civilDate,
  dayNumber,
  formatDayNumber,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  parseDayNumber,
  weekdayOf,
} from './civil-date';

const DAY_MS = 86_400_000;
// Date.UTC is the independent oracle here: it is only unsafe for years below 100, excluded below.
const someDay = fc.integer({ min: Date.UTC(100, 0, 1) / DAY_MS, max: Date.UTC(9999, 11, 31) / DAY_MS });

test('day numbers agree with Date.UTC in both directions', () => {
  fc.assert(
    fc.property(someDay, (n) => {
      const iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
      const { year, month, day } = civilDate(n);
      return formatDayNumber(n) === iso && parseDayNumber(iso) === n && dayNumber(year, month, day) === n;
    }),
  );
});

test('weekdays agree with Date.getUTCDay', () => {
  const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  fc.assert(fc.property(someDay, (n) => weekdayOf(n) === names[new Date(n * DAY_MS).getUTCDay()]));
});

test('nth and last weekdays of a month', () => {
  expect(formatDayNumber(nthWeekdayOfMonth(2026, 3, 'Sunday', 2))).toBe('2026-03-08');
  expect(formatDayNumber(nthWeekdayOfMonth(2026, 11, 'Sunday', 1))).toBe('2026-11-01');
  expect(formatDayNumber(lastWeekdayOfMonth(2026, 5, 'Monday'))).toBe('2026-05-25');
  expect(formatDayNumber(lastWeekdayOfMonth(2006, 10, 'Sunday'))).toBe('2006-10-29');
});

test.each(['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', '', '0000-01-01'])(
  'rejects %j',
  (bad) => {
    expect(() => parseDayNumber(bad)).toThrow(RangeError);
  },
);

test('accepts leap days', () => {
  expect(formatDayNumber(parseDayNumber('2024-02-29'))).toBe('2024-02-29');
  expect(formatDayNumber(parseDayNumber('2000-02-29'))).toBe('2000-02-29');
});
