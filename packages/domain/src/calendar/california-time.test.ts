import fc from 'fast-check';
import {
  californiaLocalDate,
  californiaOffsetMinutes,
  fromCaliforniaLocal,
  toCaliforniaLocal,
} from './california-time';

describe('californiaOffsetMinutes around the 2026 switches', () => {
  test.each([
    ['2026-03-08T09:59:59Z', -480],
    ['2026-03-08T10:00:00Z', -420], // 02:00 PST → 03:00 PDT
    ['2026-11-01T08:59:59Z', -420],
    ['2026-11-01T09:00:00Z', -480], // 02:00 PDT → 01:00 PST
    ['2026-01-15T12:00:00Z', -480],
    ['2026-07-15T12:00:00Z', -420],
    ['2026-03-08T01:59:59-08:00', -480],
    ['2026-03-08T03:00:00-07:00', -420],
  ])('%s → %i', (instant, offset) => {
    expect(californiaOffsetMinutes(instant)).toBe(offset);
  });

  test('1987–2006 rule: first Sunday in April to last Sunday in October', () => {
    expect(californiaOffsetMinutes('2006-04-02T09:59:59Z')).toBe(-480);
    expect(californiaOffsetMinutes('2006-04-02T10:00:00Z')).toBe(-420);
    expect(californiaOffsetMinutes('2006-10-29T08:59:59Z')).toBe(-420);
    expect(californiaOffsetMinutes('2006-10-29T09:00:00Z')).toBe(-480);
    // Under the 2007 rule 2006-03-12 would already be daylight time.
    expect(californiaOffsetMinutes('2006-03-20T12:00:00Z')).toBe(-480);
  });

  test('instants before 1987 and malformed ones are refused', () => {
    expect(() => californiaOffsetMinutes('1986-07-01T12:00:00Z')).toThrow(RangeError);
    expect(() => californiaOffsetMinutes('2026-07-01T12:00:00')).toThrow(RangeError);
    expect(() => californiaOffsetMinutes('2026-07-01')).toThrow(RangeError);
  });
});

describe('toCaliforniaLocal', () => {
  test('converts across the local midnight', () => {
    expect(toCaliforniaLocal('2026-11-26T07:30:00Z')).toEqual({ date: '2026-11-25', time: '23:30:00' });
    expect(californiaLocalDate('2026-11-26T07:30:00Z')).toBe('2026-11-25');
    expect(californiaLocalDate('2026-11-26T08:00:00Z')).toBe('2026-11-26');
  });

  test('accepts explicit offsets and fractional seconds (truncated)', () => {
    expect(toCaliforniaLocal('2026-07-01T09:15:42.999+02:00')).toEqual({ date: '2026-07-01', time: '00:15:42' });
  });

  test('shows 01:30 twice on 2026-11-01, once per offset', () => {
    expect(toCaliforniaLocal('2026-11-01T08:30:00Z')).toEqual({ date: '2026-11-01', time: '01:30:00' });
    expect(toCaliforniaLocal('2026-11-01T09:30:00Z')).toEqual({ date: '2026-11-01', time: '01:30:00' });
  });
});

describe('fromCaliforniaLocal', () => {
  test('ordinary times carry the offset in force', () => {
    expect(fromCaliforniaLocal('2026-11-25', '17:00:00')).toBe('2026-11-25T17:00:00-08:00');
    expect(fromCaliforniaLocal('2026-07-03', '09:30')).toBe('2026-07-03T09:30:00-07:00');
  });

  test('spring forward 2026-03-08: the skipped hour moves forward by one hour', () => {
    expect(fromCaliforniaLocal('2026-03-08', '01:59:59')).toBe('2026-03-08T01:59:59-08:00');
    expect(fromCaliforniaLocal('2026-03-08', '02:00:00')).toBe('2026-03-08T03:00:00-07:00');
    expect(fromCaliforniaLocal('2026-03-08', '02:30:00')).toBe('2026-03-08T03:30:00-07:00');
    expect(fromCaliforniaLocal('2026-03-08', '03:00:00')).toBe('2026-03-08T03:00:00-07:00');
  });

  test('fall back 2026-11-01: the repeated hour is read as the earlier, daylight instant', () => {
    expect(fromCaliforniaLocal('2026-11-01', '00:59:59')).toBe('2026-11-01T00:59:59-07:00');
    expect(fromCaliforniaLocal('2026-11-01', '01:30:00')).toBe('2026-11-01T01:30:00-07:00');
    expect(fromCaliforniaLocal('2026-11-01', '02:00:00')).toBe('2026-11-01T02:00:00-08:00');
  });

  test.each([
    ['2026-11-25', '24:00'],
    ['2026-11-25', '7:00'],
    ['2026-11-25', '07:00:60'],
    ['2026-11-31', '07:00'],
  ])('rejects %s %s', (date, time) => {
    expect(() => fromCaliforniaLocal(date, time)).toThrow(RangeError);
  });
});

describe('properties over 1987–2100', () => {
  const wholeSecond = (iso: string) => Math.floor(Date.parse(iso) / 1000);

  /**
   * The round trip is the identity except in the repeated fall-back hour: the wall clock cannot
   * tell its two instants apart, so the standard-time one comes back as its daylight twin, one
   * hour earlier (the documented choice).
   */
  const roundTripHolds = (ms: number): boolean => {
    const instant = new Date(ms).toISOString();
    const { date, time } = toCaliforniaLocal(instant);
    const back = wholeSecond(fromCaliforniaLocal(date, time));
    const second = Math.floor(ms / 1000);
    if (back === second) return true;
    return californiaOffsetMinutes(instant) === -480 && time.startsWith('01:') && back === second - 3600 &&
      californiaOffsetMinutes(new Date((second - 3600) * 1000).toISOString()) === -420;
  };

  test('fromCaliforniaLocal ∘ toCaliforniaLocal is the identity on instants, to the second', () => {
    const instantMs = fc.integer({ min: Date.UTC(1987, 0, 1, 12), max: Date.UTC(2100, 11, 31) });
    fc.assert(fc.property(instantMs, roundTripHolds));
  });

  test('the same holds in the three hours either side of every switch', () => {
    const sundayOnOrAfter = (ms: number) => ms + ((7 - new Date(ms).getUTCDay()) % 7) * 86_400_000;
    const nearSwitch = fc
      .tuple(fc.integer({ min: 2007, max: 2100 }), fc.boolean(), fc.integer({ min: -3 * 3600, max: 3 * 3600 }))
      .map(([y, spring, s]) => {
        const switchMs = spring
          ? sundayOnOrAfter(Date.UTC(y, 2, 8)) + 10 * 3_600_000
          : sundayOnOrAfter(Date.UTC(y, 10, 1)) + 9 * 3_600_000;
        return switchMs + s * 1000;
      });
    fc.assert(fc.property(nearSwitch, roundTripHolds));
  });

  test('only the standard-time reading of the repeated hour fails to round-trip exactly', () => {
    expect(fromCaliforniaLocal('2026-11-01', toCaliforniaLocal('2026-11-01T09:30:00Z').time)).toBe(
      '2026-11-01T01:30:00-07:00',
    );
    expect(roundTripHolds(Date.parse('2026-11-01T09:30:00Z'))).toBe(true);
    expect(roundTripHolds(Date.parse('2026-11-01T10:30:00Z'))).toBe(true);
  });

  test('the offset is the difference between wall clock and UTC', () => {
    const instantMs = fc.integer({ min: Date.UTC(1987, 0, 1, 12), max: Date.UTC(2100, 11, 31) });
    fc.assert(
      fc.property(instantMs, (ms) => {
        const instant = new Date(ms).toISOString();
        const { date, time } = toCaliforniaLocal(instant);
        const wallAsUtc = Date.parse(`${date}T${time}Z`);
        return (wallAsUtc - Math.floor(ms / 1000) * 1000) / 60_000 === californiaOffsetMinutes(instant);
      }),
    );
  });
});
