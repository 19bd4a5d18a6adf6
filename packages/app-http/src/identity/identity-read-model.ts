import { PositionWaiters } from '@ccpor/adapters';
import type { EventStore, GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { IDENTITY_STREAM_PREFIXES } from './identity-events';
import { IdentityView } from './identity-view';

const later = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b);

const CATCH_UP_PAGE = 1000;

/**
 * The identity view (agencies, users, API keys) kept in process memory, fed by one catch-up
 * subscription on the event store. Orders are not folded here: search and statistics read the
 * SQL views the projection runner keeps (search/order-search-service.ts, ADR 0032). Positions
 * are opaque strings whose order is log order (ADR 0003), so "caught up to p" is a comparison.
 */
export class IdentityReadModel {
  readonly identity = new IdentityView();
  /** Where the view stands in the log, and the requests waiting for their writes to reach it. */
  private readonly reached = new PositionWaiters();
  private head: GlobalPosition | undefined;
  private applied = 0;
  private behind = 0;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private failure: unknown;
  private fresh = 0;
  private probe: NodeJS.Timeout | undefined;

  constructor(private readonly store: EventStore) {}

  /**
   * Wall-clock time (ms) at which the view last proved it held every event committed by then: it
   * read the log's head and had applied it. Identity events written by another process reach this
   * view through the subscription (NOTIFY, else a poll); this proof bounds the wait even when
   * the subscription is stuck (ADR 0060).
   */
  get freshAt(): number {
    return this.fresh;
  }

  /** Proves freshness every `intervalMs` (started by the composition on the PostgreSQL store). */
  startFreshnessProbe(intervalMs: number): void {
    if (this.probe !== undefined) return;
    const round = async () => {
      const t = Date.now();
      try {
        const head = await this.store.headPosition();
        if (head === undefined || (await this.waitFor(head, intervalMs * 4))) this.fresh = Math.max(this.fresh, t);
      } catch {
        // The database is unreachable: freshness ages, and requests are refused once past the bound.
      }
      if (!this.abort.signal.aborted) {
        this.probe = setTimeout(() => void round(), intervalMs);
        this.probe.unref();
      }
    };
    this.probe = setTimeout(() => void round(), intervalMs);
    this.probe.unref();
  }

  get position(): GlobalPosition | undefined {
    return this.reached.position;
  }

  get lagEvents(): number {
    return this.behind;
  }

  get eventsApplied(): number {
    return this.applied;
  }

  get failed(): unknown {
    return this.failure;
  }

  /**
   * Reads the log up to its current head (so the views are complete), then follows it live. The
   * catch-up reads the identity streams alone (`streamPrefixes`): the SQL stores skip the orders'
   * events in the database, which at a few million orders would otherwise be read and parsed at
   * every start.
   */
  async start(onProgress?: (applied: number) => void): Promise<void> {
    const began = Date.now();
    this.head = await this.store.headPosition();
    const from = await this.catchUpOnIdentityStreams(onProgress);
    const caughtUp = this.head === undefined ? Promise.resolve(true) : this.waitFor(this.head, 24 * 3600_000);
    this.running = (async () => {
      try {
        for await (const e of this.store.subscribe({ ...(from !== undefined ? { after: from } : {}), signal: this.abort.signal })) {
          this.apply(e);
          if (onProgress && this.applied % 1000 === 0) onProgress(this.applied);
        }
      } catch (error) {
        if (!this.abort.signal.aborted) {
          this.failure = error;
          this.reached.releaseAll();
        }
      }
    })();
    if (await caughtUp) this.fresh = began;
  }

  /**
   * Applies every identity event in the log and returns where following it may start: after the
   * head taken before, or after the last identity event if that is later. Every identity event
   * up to there has been applied (the store's reads are gap-free), and the events in between
   * concern orders. Undefined: the log is empty, so the subscription reads from the start.
   */
  private async catchUpOnIdentityStreams(onProgress?: (applied: number) => void): Promise<GlobalPosition | undefined> {
    let last: GlobalPosition | undefined;
    for (;;) {
      const page = await this.store.readAll({ streamPrefixes: IDENTITY_STREAM_PREFIXES, ...(last !== undefined ? { after: last } : {}), maxCount: CATCH_UP_PAGE });
      for (const e of page) this.apply(e);
      last = page[page.length - 1]?.globalPosition ?? last;
      onProgress?.(this.applied);
      if (page.length < CATCH_UP_PAGE) break;
    }
    const from = later(this.head, last);
    if (from !== undefined) this.advanceTo(from);
    return from;
  }

  /** The view has everything up to `position` that concerns it. */
  private advanceTo(position: GlobalPosition): void {
    const current = this.reached.position;
    if (current !== undefined && current >= position) return;
    if (this.head === undefined || position > this.head) this.head = position;
    if (this.head === position) this.behind = 0;
    this.reached.advance(position);
  }

  apply(e: RecordedEvent): void {
    this.identity.apply(e);
    this.applied += 1;
    if (this.head === undefined || e.globalPosition > this.head) this.head = e.globalPosition;
    this.behind = this.head === e.globalPosition ? 0 : Math.max(0, this.behind - 1);
    this.reached.advance(e.globalPosition);
  }

  /** Tell the view a write happened at `position`, for the lag gauge. */
  noteWrite(position: GlobalPosition): void {
    if (this.head === undefined || position > this.head) {
      this.head = position;
      this.behind += 1;
    }
  }

  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    const current = this.reached.position;
    if (this.failure !== undefined && !(current !== undefined && current >= position)) return Promise.resolve(false);
    return this.reached.waitFor(position, timeoutMs);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.probe !== undefined) clearTimeout(this.probe);
    this.reached.releaseAll();
    await this.running;
  }
}
