import { Pool, type PoolConfig } from 'pg';
import type { Upcaster } from '@ccpor/domain';
import { runMigrations } from '../../sql/migration-runner';
import { eventStoreMigrations } from '../sql/migrations';
import { assertSchemaName, DEFAULT_SCHEMA } from '../../sql/schema-name';
import { SqlEventStore, type SqlEventStoreSettings } from '../sql/sql-event-store';
import { Wakeup } from '../sql/wakeup';
import { postgresConfigFromEnv } from './postgres-connection';
import { postgresDatabase } from './postgres-database';
import { PostgresNotifier } from './postgres-notifier';

export interface PostgresEventStoreOptions {
  /** `pg` settings (connectionString, host, …). Defaults to CCPOR_PG_URL, then PG* variables. */
  readonly connection?: PoolConfig;
  /** Schema holding the log; one per registry (tests use a throw-away one). Default `ccpor`. */
  readonly schema?: string;
  readonly upcaster?: Upcaster;
  /** Pooled connections; 16 concurrent appenders want at least 16. Default 20. */
  readonly poolSize?: number;
  /** Run pending migrations when opening (default true). */
  readonly migrate?: boolean;
  /**
   * Send NOTIFY after appends so subscribers in other processes wake at once (default true).
   * Subscribers in this process are always woken directly; others fall back to polling.
   */
  readonly notify?: boolean;
  /**
   * Group concurrent single-event appends into one statement and commit (append-grouper.ts):
   * at most `maxInFlight` groups at once, each of at most `maxGroup` appends. `false` sends
   * every append on its own. Default { maxInFlight: 2, maxGroup: 64 }.
   */
  readonly appendGrouping?: false | { readonly maxInFlight: number; readonly maxGroup: number };
  /** Longest a live subscription waits without a notification. Default 500 ms. */
  readonly pollIntervalMs?: number;
}

/** The notification channel of a schema's log. */
export const eventsChannel = (schema: string): string => `ccpor_events_${schema}`;

/**
 * The PostgreSQL event store: one statement per append, gap-free global reads by
 * transaction-id snapshot, LISTEN/NOTIFY (plus polling) for live subscriptions.
 */
export class PostgresEventStore extends SqlEventStore {
  static async open(options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const schema = assertSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const config: PoolConfig = { ...(options.connection ?? postgresConfigFromEnv()), max: options.poolSize ?? 20 };
    const pool = new Pool(config);
    // An idle pooled connection can fail (server restart); the pool replaces it, the process must not die.
    pool.on('error', () => undefined);
    const db = postgresDatabase(pool);
    try {
      if (options.migrate ?? true) await runMigrations(db, schema, eventStoreMigrations);
    } catch (error) {
      await pool.end();
      throw error;
    }
    const wakeup = new Wakeup();
    const notifier = new PostgresNotifier(pool, config, eventsChannel(schema), wakeup);
    return new PostgresEventStore({
      db,
      schema,
      wakeup,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      ...(options.appendGrouping === false ? {} : { grouping: options.appendGrouping ?? { maxInFlight: 2, maxGroup: 64 } }),
      ...(options.upcaster ? { upcaster: options.upcaster } : {}),
      ...(options.notify ?? true ? { afterAppend: () => notifier.notify() } : {}),
      beforeSubscribe: () => notifier.listen(),
      release: async () => {
        await notifier.close();
        await pool.end();
      },
    });
  }

  private constructor(settings: SqlEventStoreSettings) {
    super(settings);
  }
}
