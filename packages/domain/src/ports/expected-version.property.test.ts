import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { expectAny, expectExact, expectExists, expectNoStream, type ExpectedVersion } from './event-store';
import { retriesOnConflict, versionSatisfies, wrongExpectedVersion } from './expected-version';

const version = fc.integer({ min: 0, max: 1_000_000 });
const expectation: fc.Arbitrary<ExpectedVersion> = fc.oneof(
  fc.constant(expectAny),
  fc.constant(expectNoStream),
  fc.constant(expectExists),
  version.map(expectExact),
  // Built by hand, as a caller may: exact 0 is still "no stream".
  fc.constant<ExpectedVersion>({ kind: 'exact', version: 0 }),
);

describe('versionSatisfies', () => {
  it('checks each expectation against the current version', () => {
    expect([0, 1, 5].map((v) => versionSatisfies(expectAny, v))).toEqual([true, true, true]);
    expect([0, 1, 5].map((v) => versionSatisfies(expectNoStream, v))).toEqual([true, false, false]);
    expect([0, 1, 5].map((v) => versionSatisfies(expectExists, v))).toEqual([false, true, true]);
    expect([0, 1, 5].map((v) => versionSatisfies(expectExact(5), v))).toEqual([false, false, true]);
    expect([0, 1, 5].map((v) => versionSatisfies({ kind: 'exact', version: 0 }, v))).toEqual([true, false, false]);
  });

  it('accepts exactly the version an exact expectation names', () => {
    fc.assert(fc.property(version, version, (n, current) => versionSatisfies(expectExact(n), current) === (n === current)));
  });

  it('splits every version between "no stream" and "exists"', () => {
    fc.assert(fc.property(version, (current) => versionSatisfies(expectNoStream, current) !== versionSatisfies(expectExists, current)));
  });

  it('holds for more than one version exactly when a lost race is retried', () => {
    fc.assert(
      fc.property(expectation, (expected) => {
        const satisfiedBy = [0, 1, 2, 3].filter((v) => versionSatisfies(expected, v)).length;
        expect(retriesOnConflict(expected)).toBe(satisfiedBy > 1);
      }),
    );
  });
});

describe('wrongExpectedVersion', () => {
  it('names the stream, the expectation and what was found', () => {
    expect(wrongExpectedVersion('order-1', expectExact(3), 4)).toEqual({ code: 'WRONG_EXPECTED_VERSION', streamId: 'order-1', expected: { kind: 'exact', version: 3 }, actual: 4 });
    expect(wrongExpectedVersion('order-1', expectNoStream, null)).toMatchObject({ actual: null });
  });
});
