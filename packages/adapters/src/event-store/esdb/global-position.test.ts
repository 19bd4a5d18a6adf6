import { describe, expect, it } from '@jest/globals';
import type { Position } from '@eventstore/db-client';
import type { GlobalPosition } from '@ccpor/domain';
import { comparePositions, fromGlobalPosition, toGlobalPosition } from './global-position';

const MAX = 2n ** 64n - 1n;
const edges = [0n, 1n, 9n, 10n, 99n, 4_096n, 2n ** 32n, 10n ** 19n - 1n, 10n ** 19n, MAX - 1n, MAX];

/** Edge values plus a reproducible spread of others (xorshift), in every commit/prepare pairing. */
const samples = (): Position[] => {
  let x = 0x2545f4914f6cdd1dn;
  const next = (): bigint => {
    x ^= (x << 13n) & MAX;
    x ^= x >> 7n;
    x ^= (x << 17n) & MAX;
    return x;
  };
  const values = [...edges, ...Array.from({ length: 12 }, () => next() >> (next() % 60n))];
  return values.flatMap((commit) => values.map((prepare) => ({ commit, prepare })));
};

describe('EventStoreDB global positions', () => {
  const positions = samples();

  it('round-trip through the port string', () => {
    for (const p of positions) expect(fromGlobalPosition(toGlobalPosition(p))).toEqual(p);
  });

  it('sort as strings exactly as (commit, prepare) sorts as numbers', () => {
    const byString = [...positions].sort((a, b) => (toGlobalPosition(a) < toGlobalPosition(b) ? -1 : toGlobalPosition(a) > toGlobalPosition(b) ? 1 : 0));
    const byNumber = [...positions].sort(comparePositions);
    expect(byString).toEqual(byNumber);
    expect(byNumber[0]).toEqual({ commit: 0n, prepare: 0n });
    expect(byNumber[byNumber.length - 1]).toEqual({ commit: MAX, prepare: MAX });
  });

  it('rejects a string that is not one of its positions', () => {
    expect(() => fromGlobalPosition('0000000000000042' as GlobalPosition)).toThrow(/Not an EventStoreDB global position/);
  });
});
