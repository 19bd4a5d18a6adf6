import type { EventStore, GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { PositionWaiters } from './position-waiters';
import type { CheckpointOutcome, ProjectionTarget } from './projection-target';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly target: ProjectionTarget;
  /** Events per transaction (default 500): one commit per batch is what makes the projector fast (about 9× one commit per row, measured; docs/performance-goals.md). */
  readonly batchSize?: number;
  /** Events read per page while catching up or rebuilding (default 5,000). */
  readonly pageSize?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** Called after every batch with what the checkpoint CAS found. */
  readonly onBatch?: (report: BatchReport) => void;
}

export interface BatchReport {
  readonly events: number;
  readonly outcome: CheckpointOutcome;
  readonly position: GlobalPosition;
}

export interface CatchUpReport {
  /** Events applied by this call. */
  readonly applied: number;
  /** Checkpoint after the call. */
  readonly position: GlobalPosition | undefined;
}

export interface RebuildProgress {
  readonly applied: number;
  readonly position: GlobalPosition;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface RebuildReport extends CatchUpReport {
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface ProjectionLag {
  /** Events in the log after the checkpoint, counted up to `limit`. */
  readonly eventsBehind: number;
  /** True when there are more than `eventsBehind` (the count stopped at its limit). */
  readonly atLeast: boolean;
  /** Seconds since the recordedAt of the last applied event (undefined before the first). */
  readonly secondsSinceLastApplied: number | undefined;
  /** Seconds since the oldest event not yet applied was recorded: how stale the view is (0 when caught up). */
  readonly secondsBehind: number;
}

/**
 * Another runner moved the checkpoint under this one. `run` restarts from where it stands now;
 * `catchUp` and `rebuild` let the caller decide.
 */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly outcome: CheckpointOutcome,
  ) {
    super(`the checkpoint of ${projection} was moved by another runner (${outcome})`);
    this.name = 'CheckpointMovedError';
  }
}

const IDLE = Symbol('idle');

/**
 * Feeds a ProjectionTarget from the EventStore port: pages of `readAll` to catch up or rebuild,
 * then the catch-up subscription for live events, batched into transactions. Delivery is at
 * least once (a crash between commit and acknowledgement replays the batch), which the target's
 * per-row version guard and the checkpoint CAS turn into exactly-once effects.
 */
export class ProjectionRunner {
  private readonly store: EventStore;
  private readonly target: ProjectionTarget;
  private readonly batchSize: number;
  private readonly pageSize: number;
  private readonly now: () => number;
  /** Where this runner has applied up to, and who waits for it. */
  private readonly applied = new PositionWaiters();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.store = options.store;
    this.target = options.target;
    this.batchSize = options.batchSize ?? 500;
    this.pageSize = Math.max(options.pageSize ?? 5000, this.batchSize);
    this.now = options.now ?? Date.now;
  }

  /** Applies everything in the log after the checkpoint, page by page, and returns. */
  async catchUp(onProgress?: (applied: number, position: GlobalPosition) => void): Promise<CatchUpReport> {
    let { position } = await this.target.checkpoint();
    let applied = 0;
    let page = this.store.readAll(position === undefined ? { maxCount: this.pageSize } : { after: position, maxCount: this.pageSize });
    for (;;) {
      const events = await page;
      if (events.length === 0) break;
      const last = events[events.length - 1]!.globalPosition;
      // Read the next page while this one is written: reads and writes overlap.
      page = this.store.readAll({ after: last, maxCount: this.pageSize });
      for (let i = 0; i < events.length; i += this.batchSize) {
        const batch = events.slice(i, i + this.batchSize);
        position = await this.applyBatch(batch, position);
        applied += batch.length;
      }
      onProgress?.(applied, last);
    }
    return { applied, position };
  }

  /** Empties the view and replays the whole log into it. */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    const started = this.now();
    await this.target.reset();
    this.applied.reset();
    const rate = (applied: number, elapsedMs: number): number => (elapsedMs > 0 ? Math.round((applied * 1000) / elapsedMs) : 0);
    const report = await this.catchUp((applied, position) => {
      const elapsedMs = this.now() - started;
      onProgress?.({ applied, position, elapsedMs, eventsPerSecond: rate(applied, elapsedMs) });
    });
    const elapsedMs = this.now() - started;
    return { ...report, elapsedMs, eventsPerSecond: rate(report.applied, elapsedMs) };
  }

  /**
   * Follows the log until the signal aborts: the subscription's events are gathered into
   * batches of what has arrived (at most `batchSize`), each applied in one transaction. When
   * another runner has moved the checkpoint, it starts again from there.
   */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const { position } = await this.target.checkpoint();
      try {
        await this.follow(position, signal);
      } catch (error) {
        if (!(error instanceof CheckpointMovedError)) throw error;
      }
    }
  }

  /** Resolves once the view has applied the event at `position` (read-your-writes), or rejects after `timeoutMs`. */
  async waitFor(position: GlobalPosition, timeoutMs: number): Promise<void> {
    if (!(await this.applied.waitFor(position, timeoutMs))) throw new Error(`projection ${this.target.name} did not reach ${position} within ${timeoutMs} ms`);
  }

  /** How far the view is behind the log. Counting reads the unapplied events, so it stops at `limit`. */
  async lag(limit = 10_000): Promise<ProjectionLag> {
    const checkpoint = await this.target.checkpoint();
    const pending = await this.store.readAll(
      checkpoint.position === undefined ? { maxCount: limit + 1 } : { after: checkpoint.position, maxCount: limit + 1 },
    );
    const now = this.now();
    const seconds = (iso: string): number => Math.max(0, (now - Date.parse(iso)) / 1000);
    const oldest = pending[0];
    return {
      eventsBehind: Math.min(pending.length, limit),
      atLeast: pending.length > limit,
      secondsSinceLastApplied: checkpoint.lastRecordedAt === undefined ? undefined : seconds(checkpoint.lastRecordedAt),
      secondsBehind: oldest === undefined ? 0 : seconds(oldest.metadata.recordedAt),
    };
  }

  private async follow(from: GlobalPosition | undefined, signal: AbortSignal): Promise<void> {
    // A subscription of its own, so leaving early (checkpoint moved) ends it even while it waits.
    const local = new AbortController();
    const stop = (): void => local.abort();
    signal.addEventListener('abort', stop, { once: true });
    // Aborted while `run` read the checkpoint: the listener above will never fire.
    if (signal.aborted) local.abort();
    const subscription = this.store.subscribe(from === undefined ? { signal: local.signal } : { after: from, signal: local.signal });
    const iterator = subscription[Symbol.asyncIterator]();
    let position = from;
    // A `next()` still running when a batch closed; it belongs to the following batch.
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    const next = (): Promise<IteratorResult<RecordedEvent>> => (pending ??= iterator.next());
    try {
      for (;;) {
        const first = await next();
        pending = undefined;
        if (first.done) return;
        const batch = [first.value];
        // Take what the subscription already holds: its pages resolve in microtasks, while
        // setImmediate fires only once it waits for the database. That ends the batch.
        const idle = new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));
        let done = false;
        while (batch.length < this.batchSize) {
          const result = await Promise.race([next(), idle]);
          if (result === IDLE) break;
          pending = undefined;
          if (result.done) {
            done = true;
            break;
          }
          batch.push(result.value);
        }
        position = await this.applyBatch(batch, position);
        if (done) return;
      }
    } finally {
      signal.removeEventListener('abort', stop);
      local.abort();
      if (pending) await pending.catch(() => undefined);
      else await iterator.return?.();
    }
  }

  private async applyBatch(batch: readonly RecordedEvent[], expected: GlobalPosition | undefined): Promise<GlobalPosition> {
    const last = batch[batch.length - 1]!.globalPosition;
    const outcome = await this.target.apply(batch, expected);
    this.options.onBatch?.({ events: batch.length, outcome, position: last });
    if (outcome === 'mismatch' || outcome === 'ahead') throw new CheckpointMovedError(this.target.name, outcome);
    this.applied.advance(last);
    return last;
  }
}
