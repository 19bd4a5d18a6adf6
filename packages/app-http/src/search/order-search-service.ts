import type * as E from 'fp-ts/Either';
import {
  OrderSearchProjector,
  orderStatistics,
  replicaHasReplayed,
  searchOrders,
  type ProjectionLag,
  type RebuildProgress,
  type RebuildReport,
  type SearchError,
  type SearchPage,
  type SearchVisibility,
  type SqlOrderProjection,
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

export interface OrderSearchDeps {
  readonly store: EventStore;
  readonly views: SearchViews;
  /** Searches and statistics read here when given; writes and the projector stay on the primary. */
  readonly replica?: ReadReplica;
  /** Called when following the log fails; the service retries after `retryMs`. */
  readonly onError?: (error: unknown) => void;
  readonly retryMs?: number;
}

/**
 * The registry's query side (ADR 0032): the adapters' order search projector keeps the views
 * current in this process (or, with several processes, the one that leads it; ADR 0061), and
 * searches and statistics are SQL on those views, on the hot standby when there is one (ADR 0062).
 */
export class OrderSearchService {
  private readonly projector: OrderSearchProjector;

  constructor(private readonly deps: OrderSearchDeps) {
    this.projector = new OrderSearchProjector({
      store: deps.store,
      db: deps.views.db,
      schema: deps.views.schema,
      ...(deps.onError !== undefined ? { onError: deps.onError } : {}),
      ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
    });
  }

  get projection(): SqlOrderProjection {
    return this.projector.projection;
  }

  get views(): SearchViews {
    return this.deps.views;
  }

  /** The log position the views have applied (undefined: nothing yet). */
  get position(): GlobalPosition | undefined {
    return this.projector.position;
  }

  /** Events applied by this process (catch-up and live). */
  get eventsApplied(): number {
    return this.projector.eventsApplied;
  }

  /** The error that stopped the projector, while it is stopped (it retries). */
  get failed(): unknown {
    return this.projector.failed;
  }

  /** Catches the views up with the log (so a first search sees every order), then follows it in the background. */
  start(onProgress?: (applied: number) => void): Promise<void> {
    return this.projector.start(onProgress);
  }

  /** With several processes on one database (ADR 0061): the views as they stand; another process leads the projector. */
  startAsFollower(): Promise<void> {
    return this.projector.startAsFollower();
  }

  /** This process now leads the projector: catch up, then follow the log. */
  lead(): Promise<void> {
    return this.projector.lead();
  }

  /** Another process leads the projector now: stop following; waiters go on by the checkpoint. */
  stopLeading(): Promise<void> {
    return this.projector.stopLeading();
  }

  get leading(): boolean {
    return this.projector.leading;
  }

  /** Where the views stand, read from their checkpoint when another process runs the projector (/readyz). */
  currentPosition(): Promise<GlobalPosition | undefined> {
    return this.projector.currentPosition();
  }

  /** Applies what the log holds after the checkpoint, and returns. */
  catchUp(onProgress?: (applied: number) => void): Promise<void> {
    return this.projector.catchUp(onProgress);
  }

  /** Empties the views and replays the whole log into them (`ccpor projections rebuild`). Stops following first. */
  rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    return this.projector.rebuild(onProgress);
  }

  /** Resolves true once the views have applied `position`, false after `timeoutMs` (or when stopped). */
  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    return this.projector.waitFor(position, timeoutMs);
  }

  /** How far the views trail the log (counted up to `limit` events). */
  lag(limit = 10_000): Promise<ProjectionLag> {
    return this.projector.lag(limit);
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
   * primary (ADR 0062). A read that waited for a write lets the standby replay up to the
   * primary's WAL position first, for at most the configured lag; a standby that fails a read
   * is passed over for that read. Reports (and any other read-only view) use this too.
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
      return await replicaHasReplayed(this.deps.views.db, replica.db, replica.maxLagMs);
    } catch (error) {
      this.deps.onError?.(error);
      return false;
    }
  }

  /** Orders in the view, discarded drafts included (demo seeding asks whether there are any). */
  orderCount(): Promise<number> {
    return this.projector.orderCount();
  }

  /** Lets go of the standby's connections (closeServices). */
  async closeReplica(): Promise<void> {
    await this.deps.replica?.close();
  }

  /** Stops following the log and releases every waiter (false). The views stay as they are. */
  stop(): Promise<void> {
    return this.projector.stop();
  }
}
