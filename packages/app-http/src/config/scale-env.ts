import * as t from 'io-ts';
import { optionalWhole } from './optional-whole';

/** A PostgreSQL URL (postgres:// or postgresql://), or unset. The message never echoes it: it may hold a password. */
const OptionalPgUrl = new t.Type<string | undefined, string | undefined, unknown>(
  'postgres:// URL',
  (u): u is string | undefined => u === undefined || typeof u === 'string',
  (u, c) =>
    u === undefined || u === ''
      ? t.success(undefined)
      : typeof u === 'string' && /^postgres(ql)?:\/\/\S+$/.test(u)
        ? t.success(u)
        : t.failure('(hidden)', c, 'must be a postgres:// or postgresql:// URL'),
  (a) => a,
);

/**
 * Several registry processes on one PostgreSQL (issue 18, ADRs 0060–0062): shared state,
 * leadership of the background jobs, and reads from a hot standby.
 */
export const ScaleEnvCodec = t.type({
  CCPOR_IDEMPOTENCY_RETENTION_HOURS: optionalWhole('hours', 1, 24 * 30),
  CCPOR_LEADER_CHECK_MS: optionalWhole('milliseconds', 50, 60_000),
  CCPOR_IDENTITY_MAX_STALENESS_MS: optionalWhole('milliseconds', 500, 600_000),
  CCPOR_PG_READ_URL: OptionalPgUrl,
  CCPOR_PG_READ_MAX_LAG_MS: optionalWhole('milliseconds', 0, 600_000),
});

export const SCALE_ENV_DOCS: Record<keyof typeof ScaleEnvCodec.props, string> = {
  CCPOR_IDEMPOTENCY_RETENTION_HOURS: 'How long the answer to an `Idempotency-Key` is kept and replayed to a retry (default 24). On PostgreSQL the keys are shared by every registry process on the schema.',
  CCPOR_LEADER_CHECK_MS:
    'PostgreSQL store: how often each process checks its leadership lock connection and tries to take background jobs no one leads (default 1000). A job whose leader died is taken over within about this time; a process shutting down hands its jobs over at once (ADR 0061).',
  CCPOR_IDENTITY_MAX_STALENESS_MS:
    'PostgreSQL store: longest this process may go without proving its identity view has every identity event (user disabled, roles changed, key revoked) committed by any process; past it, requests are answered 503 until it catches up (default 5000). This bounds how long a disabled user can still be served by another process (ADR 0060).',
  CCPOR_PG_READ_URL: 'PostgreSQL store: a hot standby (streaming replica) for search and statistics (default: none, everything reads the primary). Writes and the log always go to `CCPOR_STORE` (ADR 0062).',
  CCPOR_PG_READ_MAX_LAG_MS:
    'With `CCPOR_PG_READ_URL`: how far (in time) the standby may trail before reads that wait for a write (`?wait=`) go to the primary instead (default 1000). Reads without `?wait=` use the standby while it answers.',
};

export interface ScaleConfig {
  readonly idempotencyRetentionMs: number;
  readonly leaderCheckMs: number;
  readonly identityMaxStalenessMs: number;
  readonly readUrl?: string;
  readonly readMaxLagMs: number;
}

export const scaleConfigFrom = (v: t.TypeOf<typeof ScaleEnvCodec>): ScaleConfig => ({
  idempotencyRetentionMs: (v.CCPOR_IDEMPOTENCY_RETENTION_HOURS ?? 24) * 3600_000,
  leaderCheckMs: v.CCPOR_LEADER_CHECK_MS ?? 1000,
  identityMaxStalenessMs: v.CCPOR_IDENTITY_MAX_STALENESS_MS ?? 5000,
  ...(v.CCPOR_PG_READ_URL !== undefined ? { readUrl: v.CCPOR_PG_READ_URL } : {}),
  readMaxLagMs: v.CCPOR_PG_READ_MAX_LAG_MS ?? 1000,
});

/** The defaults, for configurations built by hand (tests). */
export const DEFAULT_SCALE: ScaleConfig = scaleConfigFrom({
  CCPOR_IDEMPOTENCY_RETENTION_HOURS: undefined,
  CCPOR_LEADER_CHECK_MS: undefined,
  CCPOR_IDENTITY_MAX_STALENESS_MS: undefined,
  CCPOR_PG_READ_URL: undefined,
  CCPOR_PG_READ_MAX_LAG_MS: undefined,
});
