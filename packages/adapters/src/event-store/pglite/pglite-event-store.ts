import { PGlite, type Extension } from '@electric-sql/pglite';
import type { Upcaster } from '@ccpor/domain';
import { runMigrations } from '../../sql/migration-runner';
import { eventStoreMigrations } from '../sql/migrations';
import { assertSchemaName, DEFAULT_SCHEMA } from '../../sql/schema-name';
import { SqlEventStore, type SqlEventStoreSettings } from '../sql/sql-event-store';
import { Wakeup } from '../sql/wakeup';
import { pgliteDatabase } from './pglite-database';

export interface PgliteEventStoreOptions {
  /**
   * Where the database lives on disk. Only one process (and one PGlite instance) may open a
   * data directory at a time. Omit `dataDir` and `db` for a database held in memory.
   */
  readonly dataDir?: string;
  /** An already open PGlite instance to use instead; the store will not close it. */
  readonly db?: PGlite;
  /**
   * Extensions to load when the store creates its own instance (ignored with `db`): the
   * registry passes `pgliteViewExtensions` so the search views can live in the same database.
   */
  readonly extensions?: Record<string, Extension>;
  readonly schema?: string;
  readonly upcaster?: Upcaster;
  /** Run pending migrations when opening (default true). */
  readonly migrate?: boolean;
  /** Longest a live subscription waits without a wake-up. Default 500 ms. */
  readonly pollIntervalMs?: number;
}

/**
 * Every writer of a PGlite database lives in this process, so an in-process wake-up reaches
 * all subscribers, including those of other stores opened on the same instance.
 */
const wakeups = new WeakMap<PGlite, Wakeup>();
const wakeupFor = (db: PGlite): Wakeup => {
  let wakeup = wakeups.get(db);
  if (!wakeup) {
    wakeup = new Wakeup();
    wakeups.set(db, wakeup);
  }
  return wakeup;
};

/**
 * The embedded event store, the registry's default: PostgreSQL compiled to WebAssembly,
 * in-process, running the same migrations and statements as the PostgreSQL adapter.
 * Durability: PGlite runs with fsync off; committed data survives a crash of the process,
 * not a power loss or a kernel crash (see the adapters README).
 */
export class PgliteEventStore extends SqlEventStore {
  static async open(options: PgliteEventStoreOptions = {}): Promise<PgliteEventStore> {
    const schema = assertSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const owned = options.db === undefined;
    const pglite = options.db ?? (await PGlite.create(options.dataDir ?? 'memory://', options.extensions ? { extensions: options.extensions } : {}));
    const db = pgliteDatabase(pglite);
    try {
      if (options.migrate ?? true) await runMigrations(db, schema, eventStoreMigrations);
    } catch (error) {
      if (owned) await pglite.close();
      throw error;
    }
    return new PgliteEventStore({
      db,
      schema,
      wakeup: wakeupFor(pglite),
      pollIntervalMs: options.pollIntervalMs ?? 500,
      // One connection: appends that queue behind the running query leave together.
      grouping: { maxInFlight: 1, maxGroup: 64 },
      ...(options.upcaster ? { upcaster: options.upcaster } : {}),
      release: async () => {
        if (owned) await pglite.close();
      },
    });
  }

  private constructor(settings: SqlEventStoreSettings) {
    super(settings);
  }
}
