import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SharedState } from '@ccpor/domain';

export interface SharedStateUnderTest {
  /** Two handles on one state: for the PostgreSQL adapter two connections pools, as two processes have. */
  readonly a: SharedState;
  readonly b: SharedState;
  dispose(): Promise<void>;
}

export type SharedStateFactory = () => Promise<SharedStateUnderTest>;

const unique = (label: string): string => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;
const times = (now: number) => ({ now, claimTimeoutMs: MIN, retentionMs: 24 * 60 * MIN });

/**
 * What every SharedState adapter must do (domain ports/shared-state.ts): count atomically,
 * start rate windows afresh, remember revocations until their expiry, claim idempotency keys once
 * and keep their answers for the retention period, and forget what ran out. Each check uses both
 * handles, so an adapter that kept state per handle fails.
 */
export const sharedStateContract = (name: string, factory: SharedStateFactory): void => {
  describe(`SharedState contract: ${name}`, () => {
    let s: SharedStateUnderTest;
    beforeAll(async () => {
      s = await factory();
    });
    afterAll(async () => {
      await s.dispose();
    });

    it('counts login failures in a row across handles, concurrently, and starts again after a reset', async () => {
      const user = unique('user');
      const counts = await Promise.all([...Array(10)].map((_, i) => (i % 2 === 0 ? s.a : s.b).loginFailures.recordFailure(user, T0 + i)));
      expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await s.b.loginFailures.reset(user);
      expect(await s.a.loginFailures.recordFailure(user, T0 + 20)).toBe(1);
      expect(await s.a.loginFailures.recordFailure(unique('other'), T0)).toBe(1);
    });

    it('counts hits in a fixed window shared by both handles and starts a new one when it ends', async () => {
      const key = unique('ip');
      expect(await s.a.rateWindows.hit(key, MIN, T0)).toEqual({ hits: 1, resetAt: T0 + MIN });
      expect(await s.b.rateWindows.hit(key, MIN, T0 + 10)).toEqual({ hits: 2, resetAt: T0 + MIN });
      await s.b.rateWindows.unhit(key, T0 + 20);
      expect(await s.a.rateWindows.hit(key, MIN, T0 + 30)).toEqual({ hits: 2, resetAt: T0 + MIN });
      expect(await s.b.rateWindows.hit(key, MIN, T0 + MIN)).toEqual({ hits: 1, resetAt: T0 + 2 * MIN });
      await s.a.rateWindows.reset(key);
      expect(await s.b.rateWindows.hit(key, MIN, T0 + MIN + 5)).toEqual({ hits: 1, resetAt: T0 + 2 * MIN + 5 });
    });

    it('counts every concurrent hit once', async () => {
      const key = unique('burst');
      const results = await Promise.all([...Array(20)].map((_, i) => (i % 2 === 0 ? s.a : s.b).rateWindows.hit(key, MIN, T0)));
      expect(results.map((r) => r.hits).sort((x, y) => x - y)).toEqual([...Array(20)].map((_, i) => i + 1));
    });

    it('refuses a revoked session on the other handle until the token would have expired anyway', async () => {
      const session = unique('session');
      expect(await s.b.sessions.isRevoked(session, T0)).toBe(false);
      await s.a.sessions.revoke(session, T0 + 60 * MIN);
      expect(await s.b.sessions.isRevoked(session, T0 + 1)).toBe(true);
      expect(await s.b.sessions.isRevoked(session, T0 + 60 * MIN)).toBe(false);
      // Revoking again never shortens the record.
      await s.b.sessions.revoke(session, T0 + 30 * MIN);
      expect(await s.a.sessions.isRevoked(session, T0 + 45 * MIN)).toBe(true);
    });

    it('claims an idempotency key once; the other handle sees it in progress, then the stored answer', async () => {
      const key = unique('idem');
      const claims = await Promise.all([s.a, s.b, s.a, s.b].map((h) => h.idempotency.claim(key, 'hash-1', times(T0))));
      expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.kind === 'in-progress')).toEqual([...Array(3)].map(() => ({ kind: 'in-progress', bodyHash: 'hash-1' })));
      const answer = { status: 201, headers: { etag: '"1"', location: '/api/v1/orders/x' }, body: '{"id":"x","b":1,"a":2}' };
      await s.a.idempotency.complete(key, answer, T0 + 5);
      expect(await s.b.idempotency.claim(key, 'hash-2', times(T0 + 10))).toEqual({ kind: 'completed', bodyHash: 'hash-1', answer });
    });

    it('lets a retry run again after a release, and take over a claim left by a process that died', async () => {
      const released = unique('released');
      expect((await s.a.idempotency.claim(released, 'h', times(T0))).kind).toBe('claimed');
      await s.a.idempotency.release(released);
      expect((await s.b.idempotency.claim(released, 'h', times(T0 + 1))).kind).toBe('claimed');
      const abandoned = unique('abandoned');
      expect((await s.a.idempotency.claim(abandoned, 'h', times(T0))).kind).toBe('claimed');
      expect((await s.b.idempotency.claim(abandoned, 'h', times(T0 + MIN - 1))).kind).toBe('in-progress');
      expect((await s.b.idempotency.claim(abandoned, 'h', times(T0 + MIN))).kind).toBe('claimed');
    });

    it('keeps an answer for the retention period and forgets it after; a release never drops a completed answer', async () => {
      const key = unique('kept');
      await s.a.idempotency.claim(key, 'h', times(T0));
      await s.a.idempotency.complete(key, { status: 200, headers: {}, body: 'null' }, T0);
      await s.b.idempotency.release(key);
      const day = 24 * 60 * MIN;
      expect((await s.b.idempotency.claim(key, 'h', times(T0 + day - 1))).kind).toBe('completed');
      expect((await s.b.idempotency.claim(key, 'h2', times(T0 + day))).kind).toBe('claimed');
    });

    it('purges ended windows, expired revocations and answers past retention, and keeps the rest', async () => {
      const far = T0 + 1000 * 24 * 60 * MIN;
      const live = unique('live');
      const gone = unique('gone');
      await s.a.sessions.revoke(gone, far + 1);
      await s.a.sessions.revoke(live, far + 10 * MIN);
      await s.a.idempotency.claim(gone, 'h', times(far));
      await s.a.idempotency.complete(gone, { status: 200, headers: {}, body: '1' }, far);
      await s.a.idempotency.claim(live, 'h', times(far + 5 * MIN));
      await s.a.idempotency.complete(live, { status: 200, headers: {}, body: '2' }, far + 5 * MIN);
      await s.a.rateWindows.hit(gone, MIN, far);
      const removed = await s.b.purge(far + 2 * MIN, MIN);
      expect(removed).toBeGreaterThanOrEqual(3);
      expect(await s.a.sessions.isRevoked(live, far + 2 * MIN)).toBe(true);
      expect((await s.a.idempotency.claim(live, 'h', { now: far + 2 * MIN, claimTimeoutMs: MIN, retentionMs: 24 * 60 * MIN })).kind).toBe('completed');
      expect((await s.a.idempotency.claim(gone, 'h3', times(far + 2 * MIN))).kind).toBe('claimed');
    });
  });
};
