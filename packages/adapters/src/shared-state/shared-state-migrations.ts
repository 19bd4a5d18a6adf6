import { type Migration } from '../sql/migration';

/**
 * Shared state of the registry processes on one PostgreSQL schema (ADR 0060). Times are
 * milliseconds since the epoch from the registry's clock (bigint), so every adapter compares
 * them the same way. Rows are small and short-lived; `purge` deletes what ran out.
 */
const createSharedStateTables: Migration = {
  id: 'shared-state-0001',
  sql: `
CREATE TABLE {{schema}}.login_failures (
  username text PRIMARY KEY,
  failures integer NOT NULL,
  last_at bigint NOT NULL
);

CREATE TABLE {{schema}}.rate_windows (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at bigint NOT NULL
);
CREATE INDEX rate_windows_reset_at ON {{schema}}.rate_windows (reset_at);

CREATE TABLE {{schema}}.session_revocations (
  session_id text PRIMARY KEY,
  until_at bigint NOT NULL
);
CREATE INDEX session_revocations_until ON {{schema}}.session_revocations (until_at);

CREATE TABLE {{schema}}.idempotency_keys (
  key text PRIMARY KEY,
  body_hash text NOT NULL,
  claimed_at bigint NOT NULL,
  status integer,
  headers text,
  body text,
  completed_at bigint
);
CREATE INDEX idempotency_keys_completed_at ON {{schema}}.idempotency_keys (completed_at) WHERE completed_at IS NOT NULL;
`,
};

/** Every migration of the shared state, in order. Append only. */
export const sharedStateMigrations: readonly Migration[] = [createSharedStateTables];
