import { describe, expect, it } from '@jest/globals';
import { expectAny, expectExact, expectExists, expectNoStream } from '@ccpor/domain';
import { NO_STREAM } from '@eventstore/db-client';
import { retriesOnConflict, revisionAt, satisfies, versionOf } from './expected-revision';

describe('versions and EventStoreDB revisions', () => {
  it('maps version n to revision n - 1 and version 0 to no stream', () => {
    expect(revisionAt(0)).toBe(NO_STREAM);
    expect(revisionAt(1)).toBe(0n);
    expect(revisionAt(7)).toBe(6n);
  });

  it('maps a reported revision back to a version', () => {
    expect(versionOf('no_stream')).toBe(0);
    expect(versionOf(0n)).toBe(1);
    expect(versionOf(41n)).toBe(42);
  });

  it('checks each expectation against the current version', () => {
    expect([0, 1, 5].map((v) => satisfies(expectAny, v))).toEqual([true, true, true]);
    expect([0, 1, 5].map((v) => satisfies(expectNoStream, v))).toEqual([true, false, false]);
    expect([0, 1, 5].map((v) => satisfies(expectExists, v))).toEqual([false, true, true]);
    expect([0, 1, 5].map((v) => satisfies(expectExact(5), v))).toEqual([false, false, true]);
  });

  it('retries a lost race only where another version would also do', () => {
    expect([expectAny, expectExists, expectNoStream, expectExact(3)].map(retriesOnConflict)).toEqual([true, true, false, false]);
  });
});
