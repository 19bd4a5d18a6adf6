import type { IdempotencyClaim, IdempotencyTimes, SharedState, StoredAnswer } from '@ccpor/domain';
import { runMigrations } from '../sql/migration-runner';
import { assertSchemaName, inSchema } from '../sql/schema-name';
import type { SqlDatabase } from '../sql/sql-database';
import { sharedStateMigrations } from './shared-state-migrations';

/** bigint columns come back as strings from `pg`. */
const num = (v: unknown): number => Number(v);

/**
 * Shared state in SQL tables beside the log (ADR 0060), for several registry processes on one
 * PostgreSQL schema. Each operation is one statement whose row lock makes it atomic across
 * processes: an upsert that counts, a conditional upsert that claims. Also runs on PGlite,
 * though there one process holds the database anyway.
 */
export const openSqlSharedState = async (db: SqlDatabase, schema: string): Promise<SharedState> => {
  assertSchemaName(schema);
  await runMigrations(db, schema, sharedStateMigrations);
  const sql = (text: string) => inSchema(text, schema);
  const recordFailure = sql(`INSERT INTO {{schema}}.login_failures (username, failures, last_at) VALUES ($1, 1, $2)
    ON CONFLICT (username) DO UPDATE SET failures = {{schema}}.login_failures.failures + 1, last_at = excluded.last_at
    RETURNING failures`);
  const resetFailures = sql('DELETE FROM {{schema}}.login_failures WHERE username = $1');
  // A window that ended is started afresh by the same statement, so two processes never both start one.
  const hit = sql(`INSERT INTO {{schema}}.rate_windows (key, hits, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN {{schema}}.rate_windows.reset_at <= $2::bigint THEN 1 ELSE {{schema}}.rate_windows.hits + 1 END,
      reset_at = CASE WHEN {{schema}}.rate_windows.reset_at <= $2::bigint THEN excluded.reset_at ELSE {{schema}}.rate_windows.reset_at END
    RETURNING hits, reset_at`);
  const unhit = sql('UPDATE {{schema}}.rate_windows SET hits = hits - 1 WHERE key = $1 AND reset_at > $2 AND hits > 0');
  const resetWindow = sql('DELETE FROM {{schema}}.rate_windows WHERE key = $1');
  const revoke = sql(`INSERT INTO {{schema}}.session_revocations (session_id, until_at) VALUES ($1, $2)
    ON CONFLICT (session_id) DO UPDATE SET until_at = greatest({{schema}}.session_revocations.until_at, excluded.until_at)`);
  const isRevoked = sql('SELECT 1 AS one FROM {{schema}}.session_revocations WHERE session_id = $1 AND until_at > $2');
  // Claims a new key, or takes over one whose claim went stale (its process died mid-request) or
  // whose answer is past the retention period. Zero rows back: the key is held; read what it holds.
  const claim = sql(`INSERT INTO {{schema}}.idempotency_keys (key, body_hash, claimed_at) VALUES ($1, $2, $3)
    ON CONFLICT (key) DO UPDATE SET body_hash = excluded.body_hash, claimed_at = excluded.claimed_at, status = NULL, headers = NULL, body = NULL, completed_at = NULL
      WHERE ({{schema}}.idempotency_keys.completed_at IS NULL AND {{schema}}.idempotency_keys.claimed_at <= $4)
         OR {{schema}}.idempotency_keys.completed_at <= $5
    RETURNING key`);
  const held = sql('SELECT body_hash, status, headers, body FROM {{schema}}.idempotency_keys WHERE key = $1');
  const complete = sql('UPDATE {{schema}}.idempotency_keys SET status = $2, headers = $3, body = $4, completed_at = $5 WHERE key = $1');
  const release = sql('DELETE FROM {{schema}}.idempotency_keys WHERE key = $1 AND completed_at IS NULL');

  const claimKey = async (key: string, bodyHash: string, t: IdempotencyTimes): Promise<IdempotencyClaim> => {
    // Twice at most: a key released between our insert and our read is simply claimed again.
    for (let attempt = 0; ; attempt++) {
      const { rows } = await db.query(claim, [key, bodyHash, t.now, t.now - t.claimTimeoutMs, t.now - t.retentionMs]);
      if (rows.length > 0) return { kind: 'claimed' };
      const found = (await db.query<{ body_hash: string; status: number | null; headers: string | null; body: string | null }>(held, [key])).rows[0];
      if (found === undefined && attempt === 0) continue;
      if (found === undefined || found.status === null) return { kind: 'in-progress', bodyHash: found?.body_hash ?? bodyHash };
      const answer: StoredAnswer = { status: found.status, headers: JSON.parse(found.headers ?? '{}') as Record<string, string>, body: found.body ?? 'null' };
      return { kind: 'completed', bodyHash: found.body_hash, answer };
    }
  };

  return {
    scope: 'database',
    loginFailures: {
      recordFailure: async (username, now) => num((await db.query<{ failures: number }>(recordFailure, [username, now])).rows[0]!.failures),
      reset: async (username) => {
        await db.query(resetFailures, [username]);
      },
    },
    rateWindows: {
      hit: async (key, windowMs, now) => {
        const row = (await db.query<{ hits: number; reset_at: string }>(hit, [key, now, windowMs])).rows[0]!;
        return { hits: num(row.hits), resetAt: num(row.reset_at) };
      },
      unhit: async (key, now) => {
        await db.query(unhit, [key, now]);
      },
      reset: async (key) => {
        await db.query(resetWindow, [key]);
      },
    },
    sessions: {
      revoke: async (sessionId, until) => {
        await db.query(revoke, [sessionId, until]);
      },
      isRevoked: async (sessionId, now) => (await db.query(isRevoked, [sessionId, now])).rows.length > 0,
    },
    idempotency: {
      claim: claimKey,
      complete: async (key, answer, now) => {
        await db.query(complete, [key, answer.status, JSON.stringify(answer.headers), answer.body, now]);
      },
      release: async (key) => {
        await db.query(release, [key]);
      },
    },
    purge: async (now, retentionMs) => {
      const counts = await Promise.all([
        db.query<{ n: string }>(sql('WITH d AS (DELETE FROM {{schema}}.rate_windows WHERE reset_at <= $1 RETURNING 1) SELECT count(*) AS n FROM d'), [now]),
        db.query<{ n: string }>(sql('WITH d AS (DELETE FROM {{schema}}.session_revocations WHERE until_at <= $1 RETURNING 1) SELECT count(*) AS n FROM d'), [now]),
        db.query<{ n: string }>(sql('WITH d AS (DELETE FROM {{schema}}.idempotency_keys WHERE completed_at <= $1 RETURNING 1) SELECT count(*) AS n FROM d'), [now - retentionMs]),
      ]);
      return counts.reduce((sum, r) => sum + num(r.rows[0]?.n ?? 0), 0);
    },
  };
};
