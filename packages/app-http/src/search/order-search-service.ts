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
} from '@ccpor/adapters';
import type { EventStore, GlobalPosition } from '@ccpor/domain';
import type { SearchViews } from '../store/open-search-views';

export interface OrderSearchDeps {
  readonly store: EventStore;
  readonly views: SearchViews;
  /** Called when following the log fails; the service retries after `retryMs`. */
  readonly onError?: (error: unknown) => void;
  readonly retryMs?: number;
}

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

  search(query: unknown, options: { readonly now: string; readonly limit?: number; readonly cursor?: string; readonly visibility: SearchVisibility }): Promise<E.Either<SearchError, SearchPage>> {
    return searchOrders(this.deps.views.db, query, { ...options, schema: this.deps.views.schema });
  }

  statistics(options: Omit<StatisticsOptions, 'schema'>): Promise<StatisticsRow[]> {
    return orderStatistics(this.deps.views.db, { ...options, schema: this.deps.views.schema });
  }

  /** Orders in the view, discarded drafts included (demo seeding asks whether there are any). */
  async orderCount(): Promise<number> {
    const { rows } = await this.deps.views.db.query<{ n: string | number }>(inSchema('SELECT count(*) AS n FROM {{schema}}.order_search', this.deps.views.schema));
    return Number(rows[0]?.n ?? 0);
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
