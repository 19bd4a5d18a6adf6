import type * as E from 'fp-ts/Either';
import {
  inSchema,
  orderStatistics,
  ProjectionRunner,
  searchOrders,
  SqlOrderProjection,
  type BatchReport,
  type ProjectionLag,
  type RebuildProgress,
  type RebuildReport,
  type SearchError,
  type SearchPage,
  type SearchVisibility,
  type StatisticsOptions,
  type StatisticsRow,
  type SqlDatabase,
} from '@ccpor/adapters';
import type { EventStore, GlobalPosition } from '@ccpor/domain';
import type { SearchViews } from '../store/open-search-views';

/** Where a read was served from: the primary or the hot standby (X-CCPOR-Read-From). */
export type ReadFrom = 'primary' | 'replica';

/** A hot standby of the primary's database (CCPOR_PG_READ_URL; ADR 0062). */
export interface ReadReplica {
  readonly db: SqlDatabase;
  /** A read that waited for a write uses the standby only once it has replayed that write within this time. */
  readonly maxLagMs: number;
  close(): Promise<void>;
}

export interface ReadOptions {
  /** The request waited for a write (X-CCPOR-Wait-For): the standby must have replayed it first. */
  readonly afterWait?: boolean;
  readonly onReadFrom?: (where: ReadFrom) => void;
}

/** A WAL position 'X/Y' as a number that orders like the WAL. */
const lsnValue = (lsn: string): bigint => {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi ?? '0'}`) << 32n) + BigInt(`0x${lo ?? '0'}`);
};

export interface OrderSearchDeps {
  readonly store: EventStore;
  readonly views: SearchViews;
  /** Searches and statistics read here when given; writes and the projector stay on the primary. */
  readonly replica?: ReadReplica;
  /** Called when following the log fails; the service retries after `retryMs`. */
  readonly onError?: (error: unknown) => void;
  readonly retryMs?: number;
}

/** How often a read that waited for a write looks at the standby's replay position. */
const REPLAY_POLL_MS = 5;

/** How often a process that does not run the projector looks at the checkpoint for a waiting request. */
const CHECKPOINT_WATCH_MS = 10;

const atOrAfter = (a: GlobalPosition | undefined, b: GlobalPosition): boolean => a !== undefined && a >= b;

/**
 * The registry's query side (ADR 0032): the adapters' order search projection (order_search,
 * protected persons, party index, statistics) kept current in this process by a ProjectionRunner
 * that catches up from the view's checkpoint and then follows the log. Searches and statistics
 * are SQL on those views. `waitFor` releases read-your-writes waiters as batches commit.
 */
export class OrderSearchService {
  readonly projection: SqlOrderProjection;
  private readonly runner: ProjectionRunner;
  private current: GlobalPosition | undefined;
  private applied = 0;
  private readonly waiters = new Set<{ readonly position: GlobalPosition; readonly resolve: (ok: boolean) => void }>();
  private abort = new AbortController();
  private following: Promise<void> | undefined;
  private failure: unknown;
  private watching = false;

  constructor(private readonly deps: OrderSearchDeps) {
    this.projection = new SqlOrderProjection(deps.views.db, deps.views.schema);
    this.runner = new ProjectionRunner({ store: deps.store, target: this.projection, onBatch: (b) => this.onBatch(b) });
  }

  get views(): SearchViews {
    return this.deps.views;
  }

  /** The log position the views have applied (undefined: nothing yet). */
  get position(): GlobalPosition | undefined {
    return this.current;
  }

  /** Events applied by this process (catch-up and live). */
  get eventsApplied(): number {
    return this.applied;
  }

  /** The error that stopped the projector, while it is stopped (it retries). */
  get failed(): unknown {
    return this.failure;
  }

  /** Catches the views up with the log (so a first search sees every order), then follows it in the background. */
  async start(onProgress?: (applied: number) => void): Promise<void> {
    await this.catchUp(onProgress);
    this.follow();
  }

  /**
   * With several processes on one database (ADR 0061): reads where the views stand and leaves
   * the projector to the process that leads it. Read-your-writes waits here read the views'
   * checkpoint (one row) while someone waits; nothing here reads the log for the views.
   */
  async startAsFollower(): Promise<void> {
    this.advance((await this.projection.checkpoint()).position);
  }

  /** This process now leads the projector: catch up, then follow the log. */
  async lead(): Promise<void> {
    await this.catchUp();
    this.follow();
  }

  /** Another process leads the projector now: stop following; waiters go on by the checkpoint. */
  async stopLeading(): Promise<void> {
    await this.stopFollowing();
    this.watchCheckpoint();
  }

  get leading(): boolean {
    return this.following !== undefined;
  }

  /** Where the views stand, read from their checkpoint when another process runs the projector (/readyz). */
  async currentPosition(): Promise<GlobalPosition | undefined> {
    if (this.following === undefined) this.advance((await this.projection.checkpoint()).position);
    return this.current;
  }

  /** Applies what the log holds after the checkpoint, and returns. */
  async catchUp(onProgress?: (applied: number) => void): Promise<void> {
    await this.runner.catchUp(onProgress);
    this.advance((await this.projection.checkpoint()).position);
  }

  /** Empties the views and replays the whole log into them (`ccpor projections rebuild`). Stops following first. */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    await this.stopFollowing();
    this.current = undefined;
    return this.runner.rebuild(onProgress);
  }

  /** Resolves true once the views have applied `position`, false after `timeoutMs` (or when stopped). */
  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    if (atOrAfter(this.current, position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (ok: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(ok);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
      this.watchCheckpoint();
    });
  }

  /**
   * While this process does not run the projector and someone waits, read the checkpoint every
   * few milliseconds (one primary-key row) and release the waiters it passes.
   */
  private watchCheckpoint(): void {
    if (this.watching || this.following !== undefined || this.waiters.size === 0) return;
    this.watching = true;
    void (async () => {
      try {
        while (this.following === undefined && this.waiters.size > 0) {
          try {
            this.advance((await this.projection.checkpoint()).position);
          } catch {
            // The database is unreachable for now; waiters time out as they would.
          }
          if (this.waiters.size > 0) await new Promise((r) => setTimeout(r, CHECKPOINT_WATCH_MS));
        }
      } finally {
        this.watching = false;
      }
    })();
  }

  /** How far the views trail the log (counted up to `limit` events). */
  lag(limit = 10_000): Promise<ProjectionLag> {
    return this.runner.lag(limit);
  }

  search(
    query: unknown,
    options: { readonly now: string; readonly limit?: number; readonly cursor?: string; readonly visibility: SearchVisibility },
    read: ReadOptions = {},
  ): Promise<E.Either<SearchError, SearchPage>> {
    return this.onReader(read, (db) => searchOrders(db, query, { ...options, schema: this.deps.views.schema }));
  }

  statistics(options: Omit<StatisticsOptions, 'schema'>, read: ReadOptions = {}): Promise<StatisticsRow[]> {
    return this.onReader(read, (db) => orderStatistics(db, { ...options, schema: this.deps.views.schema }));
  }

  /**
   * Runs a read of the views on the standby when there is one and it will do, else on the
   * primary (ADR 0062). A read that waited for a write first takes the primary's WAL position
   * (past the commit of the batch the wait saw) and lets the standby replay up to it, for at most
   * the configured lag; a standby that fails a read is passed over for that read. Reports (and
   * any other read-only view) use this too.
   */
  async onReader<T>(read: ReadOptions, work: (db: SqlDatabase) => Promise<T>): Promise<T> {
    const replica = this.deps.replica;
    const primary = this.deps.views.db;
    if (replica === undefined || !(await this.replicaWillDo(replica, read.afterWait === true))) {
      read.onReadFrom?.('primary');
      return work(primary);
    }
    try {
      const result = await work(replica.db);
      read.onReadFrom?.('replica');
      return result;
    } catch (error) {
      this.deps.onError?.(error);
      read.onReadFrom?.('primary');
      return work(primary);
    }
  }

  private async replicaWillDo(replica: ReadReplica, afterWait: boolean): Promise<boolean> {
    if (!afterWait) return true;
    try {
      const target = lsnValue(String((await this.deps.views.db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn));
      const deadline = Date.now() + replica.maxLagMs;
      for (;;) {
        const replayed = (await replica.db.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn')).rows[0]?.lsn;
        // No replay position: not a standby at all (a misconfiguration); its reads are as fresh as the primary's.
        if (replayed === null || replayed === undefined || lsnValue(replayed) >= target) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
      }
    } catch (error) {
      this.deps.onError?.(error);
      return false;
    }
  }

  /** Orders in the view, discarded drafts included (demo seeding asks whether there are any). */
  async orderCount(): Promise<number> {
    const { rows } = await this.deps.views.db.query<{ n: string | number }>(inSchema('SELECT count(*) AS n FROM {{schema}}.order_search', this.deps.views.schema));
    return Number(rows[0]?.n ?? 0);
  }

  /** Lets go of the standby's connections (closeServices). */
  async closeReplica(): Promise<void> {
    await this.deps.replica?.close();
  }

  /** Stops following the log and releases every waiter (false). The views stay as they are. */
  async stop(): Promise<void> {
    await this.stopFollowing();
    for (const w of [...this.waiters]) w.resolve(false);
  }

  private follow(): void {
    if (this.following) return;
    const signal = this.abort.signal;
    const retryMs = this.deps.retryMs ?? 1000;
    this.following = (async () => {
      while (!signal.aborted) {
        try {
          // After a failure, one successful read of the checkpoint shows the database is back.
          if (this.failure !== undefined) {
            await this.projection.checkpoint();
            this.failure = undefined;
          }
          await this.runner.run(signal);
        } catch (error) {
          if (signal.aborted) break;
          // Say so on /readyz and keep trying: a database that comes back should need no restart.
          this.failure = error;
          this.deps.onError?.(error);
          await new Promise((r) => setTimeout(r, retryMs));
        }
      }
    })();
  }

  private async stopFollowing(): Promise<void> {
    this.abort.abort();
    await this.following;
    this.following = undefined;
    this.abort = new AbortController();
  }

  private onBatch(b: BatchReport): void {
    if (b.outcome !== 'stored' && b.outcome !== 'idempotent') return;
    this.failure = undefined;
    if (b.outcome === 'stored') this.applied += b.events;
    this.advance(b.position);
  }

  private advance(position: GlobalPosition | undefined): void {
    if (position === undefined || atOrAfter(this.current, position)) return;
    this.current = position;
    for (const w of [...this.waiters]) if (atOrAfter(this.current, w.position)) w.resolve(true);
  }
}
