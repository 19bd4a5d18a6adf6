import type { EventStore, GlobalPosition } from '@ccpor/domain';
import { inSchema } from '../sql/schema-name';
import type { SqlDatabase } from '../sql/sql-database';
import { PositionWaiters } from './position-waiters';
import { ProjectionRunner, type BatchReport, type ProjectionLag, type RebuildProgress, type RebuildReport } from './projection-runner';
import { SqlOrderProjection } from './sql-order-projection';

export interface OrderSearchProjectorOptions {
  readonly store: EventStore;
  /** Where the search views live (the log's own database, or an in-memory PGlite; ADR 0032). */
  readonly db: SqlDatabase;
  readonly schema: string;
  /** Called when following the log fails; the projector retries after `retryMs`. */
  readonly onError?: (error: unknown) => void;
  readonly retryMs?: number;
}

/** How often a process that does not run the projector looks at the checkpoint for a waiting request. */
const CHECKPOINT_WATCH_MS = 10;

/**
 * The order search projection (order_search, protected persons, party index, statistics) kept
 * current by a ProjectionRunner that catches up from the views' checkpoint and then follows the
 * log, retrying after a failure (ADR 0032). With several processes on one database only the
 * leader follows (ADR 0061); the others read the checkpoint while a request waits for its write.
 * `waitFor` releases read-your-writes waiters as batches commit.
 */
export class OrderSearchProjector {
  readonly projection: SqlOrderProjection;
  private readonly runner: ProjectionRunner;
  private readonly reached = new PositionWaiters();
  private applied = 0;
  private abort = new AbortController();
  private following: Promise<void> | undefined;
  private failure: unknown;
  private watching = false;

  constructor(private readonly options: OrderSearchProjectorOptions) {
    this.projection = new SqlOrderProjection(options.db, options.schema);
    this.runner = new ProjectionRunner({ store: options.store, target: this.projection, onBatch: (b) => this.onBatch(b) });
  }

  /** The log position the views have applied (undefined: nothing yet). */
  get position(): GlobalPosition | undefined {
    return this.reached.position;
  }

  /** Events applied by this process (catch-up and live). */
  get eventsApplied(): number {
    return this.applied;
  }

  /** The error that stopped the projector, while it is stopped (it retries). */
  get failed(): unknown {
    return this.failure;
  }

  get leading(): boolean {
    return this.following !== undefined;
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
    this.reached.advance((await this.projection.checkpoint()).position);
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

  /** Where the views stand, read from their checkpoint when another process runs the projector (/readyz). */
  async currentPosition(): Promise<GlobalPosition | undefined> {
    if (this.following === undefined) this.reached.advance((await this.projection.checkpoint()).position);
    return this.reached.position;
  }

  /** Applies what the log holds after the checkpoint, and returns. */
  async catchUp(onProgress?: (applied: number) => void): Promise<void> {
    await this.runner.catchUp(onProgress);
    this.reached.advance((await this.projection.checkpoint()).position);
  }

  /** Empties the views and replays the whole log into them (`ccpor projections rebuild`). Stops following first. */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    await this.stopFollowing();
    this.reached.reset();
    return this.runner.rebuild(onProgress);
  }

  /** Resolves true once the views have applied `position`, false after `timeoutMs` (or when stopped). */
  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    const reached = this.reached.waitFor(position, timeoutMs);
    this.watchCheckpoint();
    return reached;
  }

  /** How far the views trail the log (counted up to `limit` events). */
  lag(limit = 10_000): Promise<ProjectionLag> {
    return this.runner.lag(limit);
  }

  /** Orders in the views, discarded drafts included (demo seeding asks whether there are any). */
  async orderCount(): Promise<number> {
    const { rows } = await this.options.db.query<{ n: string | number }>(inSchema('SELECT count(*) AS n FROM {{schema}}.order_search', this.options.schema));
    return Number(rows[0]?.n ?? 0);
  }

  /** Stops following the log and releases every waiter (false). The views stay as they are. */
  async stop(): Promise<void> {
    await this.stopFollowing();
    this.reached.releaseAll();
  }

  /**
   * While this process does not run the projector and someone waits, read the checkpoint every
   * few milliseconds (one primary-key row) and release the waiters it passes.
   */
  private watchCheckpoint(): void {
    if (this.watching || this.following !== undefined || this.reached.waiting === 0) return;
    this.watching = true;
    void (async () => {
      try {
        while (this.following === undefined && this.reached.waiting > 0) {
          try {
            this.reached.advance((await this.projection.checkpoint()).position);
          } catch {
            // The database is unreachable for now; waiters time out as they would.
          }
          if (this.reached.waiting > 0) await new Promise((r) => setTimeout(r, CHECKPOINT_WATCH_MS));
        }
      } finally {
        this.watching = false;
      }
    })();
  }

  private follow(): void {
    if (this.following) return;
    const signal = this.abort.signal;
    const retryMs = this.options.retryMs ?? 1000;
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
          this.options.onError?.(error);
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
    this.reached.advance(b.position);
  }
}
