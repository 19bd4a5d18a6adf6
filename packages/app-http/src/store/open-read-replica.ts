import { Pool } from 'pg';
import { postgresDatabase } from '@ccpor/adapters';
import type { StoreConfig } from '../config/config';
import type { ScaleConfig } from '../config/scale-env';
import type { ReadReplica } from '../search/order-search-service';

/**
 * The hot standby searches and statistics read (CCPOR_PG_READ_URL; ADR 0062), with the same
 * session settings as the primary's pool. Only on the PostgreSQL store: the views it reads are
 * the primary's, streamed. The pool connects lazily, so a standby that is down at start costs
 * nothing but a fall-back to the primary per read.
 */
export const openReadReplica = (store: StoreConfig, scale: ScaleConfig): ReadReplica | undefined => {
  if (store.kind !== 'postgres' || scale.readUrl === undefined) return undefined;
  const pool = new Pool({ connectionString: scale.readUrl, max: store.poolSize, options: '-c max_parallel_workers_per_gather=0 -c jit=off', connectionTimeoutMillis: 2000 });
  // An idle standby connection can drop (a restart, a failover); the pool replaces it.
  pool.on('error', () => undefined);
  return { db: postgresDatabase(pool), maxLagMs: scale.readMaxLagMs, close: () => pool.end() };
};
