import { describe, expect, it } from '@jest/globals';
import type { GlobalPosition } from '@ccpor/domain';
import { PositionWaiters } from './position-waiters';

const at = (n: number): GlobalPosition => String(n).padStart(4, '0') as GlobalPosition;

describe('PositionWaiters', () => {
  it('releases a waiter once the position reaches or passes its own, and answers at once after', async () => {
    const w = new PositionWaiters();
    const early = w.waitFor(at(3), 10_000);
    const late = w.waitFor(at(5), 10_000);
    w.advance(at(4));
    expect(await early).toBe(true);
    expect(w.waiting).toBe(1);
    w.advance(at(5));
    expect(await late).toBe(true);
    expect(w.waiting).toBe(0);
    expect(await w.waitFor(at(2), 0)).toBe(true);
  });

  it('never moves back, and ignores an undefined position', () => {
    const w = new PositionWaiters();
    w.advance(undefined);
    expect(w.position).toBeUndefined();
    w.advance(at(7));
    w.advance(at(6));
    w.advance(undefined);
    expect(w.position).toBe(at(7));
  });

  it('answers false after the timeout, and to every waiter when released', async () => {
    const w = new PositionWaiters();
    expect(await w.waitFor(at(1), 5)).toBe(false);
    expect(w.waiting).toBe(0);
    const waiting = [w.waitFor(at(1), 10_000), w.waitFor(at(9), 10_000)];
    w.releaseAll();
    expect(await Promise.all(waiting)).toEqual([false, false]);
    expect(w.waiting).toBe(0);
  });

  it('forgets the position on reset, so a wait holds until the view is back there', async () => {
    const w = new PositionWaiters();
    w.advance(at(5));
    w.reset();
    expect(w.position).toBeUndefined();
    const wait = w.waitFor(at(5), 10_000);
    expect(w.waiting).toBe(1);
    w.advance(at(5));
    expect(await wait).toBe(true);
  });
});
