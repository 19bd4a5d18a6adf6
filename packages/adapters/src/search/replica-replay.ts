import type { SqlDatabase } from '../sql/sql-database';

/** A WAL position 'X/Y' as a number that orders like the WAL. */
const lsnValue = (lsn: string): bigint => {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi ?? '0'}`) << 32n) + BigInt(`0x${lo ?? '0'}`);
};

/** How often a read that waited for a write looks at the standby's replay position. */
const REPLAY_POLL_MS = 5;

/**
 * Whether a hot standby has replayed everything the primary has committed so far, waiting up to
 * `maxLagMs` for it (ADR 0062): the primary's WAL position is taken first (past the commit of the
 * write a request waited for), then the standby's replay position is polled. A database that
 * reports no replay position is not a standby at all (a misconfiguration); its reads are as
 * fresh as the primary's. Errors reach the caller, which reads from the primary instead.
 */
export const replicaHasReplayed = async (primary: SqlDatabase, replica: SqlDatabase, maxLagMs: number): Promise<boolean> => {
  const target = lsnValue(String((await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn));
  const deadline = Date.now() + maxLagMs;
  for (;;) {
    const replayed = (await replica.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn')).rows[0]?.lsn;
    if (replayed === null || replayed === undefined || lsnValue(replayed) >= target) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
  }
};
