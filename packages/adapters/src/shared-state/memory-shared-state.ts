import type { IdempotencyClaim, IdempotencyRecords, IdempotencyTimes, LoginFailures, RateWindows, SessionRevocations, SharedState, StoredAnswer } from '@ccpor/domain';

interface Idem {
  readonly bodyHash: string;
  readonly claimedAt: number;
  answer?: StoredAnswer;
  completedAt?: number;
}

/**
 * Shared state in this process's memory: right for the embedded store (one process per data
 * directory) and the memory store, and the reference the PostgreSQL adapter is tested against.
 */
export const memorySharedState = (): SharedState => {
  const failures = new Map<string, number>();
  const windows = new Map<string, { hits: number; resetAt: number }>();
  const revoked = new Map<string, number>();
  const idem = new Map<string, Idem>();

  const loginFailures: LoginFailures = {
    recordFailure: async (username) => {
      const n = (failures.get(username) ?? 0) + 1;
      failures.set(username, n);
      return n;
    },
    reset: async (username) => {
      failures.delete(username);
    },
  };

  const rateWindows: RateWindows = {
    hit: async (key, windowMs, now) => {
      const w = windows.get(key);
      const next = w === undefined || w.resetAt <= now ? { hits: 1, resetAt: now + windowMs } : { hits: w.hits + 1, resetAt: w.resetAt };
      windows.set(key, next);
      return { ...next };
    },
    unhit: async (key, now) => {
      const w = windows.get(key);
      if (w !== undefined && w.resetAt > now && w.hits > 0) w.hits -= 1;
    },
    reset: async (key) => {
      windows.delete(key);
    },
  };

  const sessions: SessionRevocations = {
    revoke: async (sessionId, until) => {
      revoked.set(sessionId, Math.max(until, revoked.get(sessionId) ?? until));
    },
    isRevoked: async (sessionId, now) => (revoked.get(sessionId) ?? -Infinity) > now,
  };

  const idempotency: IdempotencyRecords = {
    claim: async (key, bodyHash, times: IdempotencyTimes): Promise<IdempotencyClaim> => {
      const e = idem.get(key);
      const stale =
        e === undefined ||
        (e.answer === undefined && e.claimedAt <= times.now - times.claimTimeoutMs) ||
        (e.completedAt !== undefined && e.completedAt <= times.now - times.retentionMs);
      if (stale) {
        idem.set(key, { bodyHash, claimedAt: times.now });
        return { kind: 'claimed' };
      }
      return e.answer === undefined ? { kind: 'in-progress', bodyHash: e.bodyHash } : { kind: 'completed', bodyHash: e.bodyHash, answer: e.answer };
    },
    complete: async (key, answer, now) => {
      const e = idem.get(key);
      if (e !== undefined) idem.set(key, { ...e, answer, completedAt: now });
    },
    release: async (key) => {
      const e = idem.get(key);
      if (e !== undefined && e.answer === undefined) idem.delete(key);
    },
  };

  return {
    loginFailures,
    rateWindows,
    sessions,
    idempotency,
    scope: 'process',
    purge: async (now, retentionMs) => {
      let n = 0;
      for (const [k, w] of windows) if (w.resetAt <= now && windows.delete(k)) n += 1;
      for (const [k, until] of revoked) if (until <= now && revoked.delete(k)) n += 1;
      for (const [k, e] of idem) if (e.completedAt !== undefined && e.completedAt <= now - retentionMs && idem.delete(k)) n += 1;
      return n;
    },
  };
};
