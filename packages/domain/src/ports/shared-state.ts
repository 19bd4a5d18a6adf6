/**
 * State that every registry process must see the same way when several serve one database
 * (issue 18, ADR 0060): login failures in a row, login rate-limit windows, sessions ended
 * early, and idempotency keys with their stored answers. One adapter keeps it in process
 * memory (the embedded store, tests), one in PostgreSQL beside the log. Every time is given by
 * the caller in milliseconds since the epoch (the registry's clock port), so adapters read no
 * clock and the contract suite needs no waiting.
 */

/** Failed logins in a row, per user name; a success or a lockout starts the count again. */
export interface LoginFailures {
  /** Counts one failure and returns the failures in a row so far, this one included. Atomic across processes. */
  recordFailure(username: string, now: number): Promise<number>;
  reset(username: string): Promise<void>;
}

/** A fixed-window hit counter (the login rate limit per client address). */
export interface RateWindows {
  /** Counts one hit on `key`; a window of `windowMs` starts at the first hit after the last one ended. */
  hit(key: string, windowMs: number, now: number): Promise<{ readonly hits: number; readonly resetAt: number }>;
  /** Takes one hit back (a request the limiter chose not to count after all). */
  unhit(key: string, now: number): Promise<void>;
  reset(key: string): Promise<void>;
}

/** Sessions ended before their token expires (a sign-out), until that expiry. */
export interface SessionRevocations {
  /** `until`: when the session's token expires anyway; the record may go after that. */
  revoke(sessionId: string, until: number): Promise<void>;
  isRevoked(sessionId: string, now: number): Promise<boolean>;
}

/** The answer kept for an idempotency key and replayed to a retry. */
export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON text of the body, byte for byte as first sent. */
  readonly body: string;
}

export type IdempotencyClaim =
  /** This caller runs the request and must later `complete` or `release` the key. */
  | { readonly kind: 'claimed' }
  /** Another request with this key is running (in this process or another). */
  | { readonly kind: 'in-progress'; readonly bodyHash: string }
  | { readonly kind: 'completed'; readonly bodyHash: string; readonly answer: StoredAnswer };

export interface IdempotencyTimes {
  readonly now: number;
  /** A claim older than this was left by a process that died mid-request: a retry may take it over. */
  readonly claimTimeoutMs: number;
  /** A completed answer older than this is forgotten (the key's retention period). */
  readonly retentionMs: number;
}

export interface IdempotencyRecords {
  /** Claims `key` for a request whose body hashes to `bodyHash`, or tells what the key already holds. Atomic across processes. */
  claim(key: string, bodyHash: string, times: IdempotencyTimes): Promise<IdempotencyClaim>;
  complete(key: string, answer: StoredAnswer, now: number): Promise<void>;
  /** Lets go of a claim whose request is not to be replayed (a server error): a retry runs it again. */
  release(key: string): Promise<void>;
}

/** Every piece of shared state, and the housekeeping that forgets what has run out. */
export interface SharedState {
  readonly loginFailures: LoginFailures;
  readonly rateWindows: RateWindows;
  readonly sessions: SessionRevocations;
  readonly idempotency: IdempotencyRecords;
  /** `memory`: this process only; `postgres`: every process on the database. */
  readonly scope: 'process' | 'database';
  /** Deletes ended rate windows, revocations past their expiry and answers past `retentionMs`; returns rows removed. */
  purge(now: number, retentionMs: number): Promise<number>;
}
