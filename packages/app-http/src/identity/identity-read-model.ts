import type { ReadAllOfStreamsOptions } from '@ccpor/adapters';
import type { EventStore, GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { IDENTITY_STREAM_PREFIXES } from './identity-events';
import { IdentityView } from './identity-view';

const atOrAfter = (a: GlobalPosition | undefined, b: GlobalPosition) => a !== undefined && a >= b;
const later = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b);

/** A store that can read some streams' events without the rest (the SQL stores; duck-typed: the port does not name it). */
type StreamsReader = (options: ReadAllOfStreamsOptions) => Promise<readonly RecordedEvent[]>;
const streamsReaderOf = (store: EventStore): StreamsReader | undefined => {
  const read = (store as { readAllOfStreams?: unknown }).readAllOfStreams;
  return typeof read === 'function' ? (read as StreamsReader).bind(store) : undefined;
};

const CATCH_UP_PAGE = 1000;

/**
 * The identity view (agencies, users, API keys) kept in process memory, fed by one catch-up
 * subscription on the event store. Orders are not folded here: search and statistics read the
 * SQL views the projection runner keeps (search/order-search-service.ts, ADR 0032). Positions
 * are opaque strings whose order is log order (ADR 0003), so "caught up to p" is a comparison.
 */
export class IdentityReadModel {
  readonly identity = new IdentityView();
  private current: GlobalPosition | undefined;
  private head: GlobalPosition | undefined;
  private applied = 0;
  private behind = 0;
  private waiters = new Set<{ position: GlobalPosition; resolve: (ok: boolean) => void }>();
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
    return this.current;
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
   * Reads the log up to its current head (so the views are complete), then follows it live. On
   * the SQL stores the catch-up reads the identity streams alone: the database skips the orders'
   * events, which at a few million orders would otherwise be read and parsed at every start.
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
          for (const w of this.waiters) w.resolve(false);
          this.waiters.clear();
        }
      }
    })();
    if (await caughtUp) this.fresh = began;
  }

  /**
   * Applies every identity event in the log and returns where following it may start: after the
   * head taken before, or after the last identity event if that is later. Every identity event
   * up to there has been applied (the store's reads are gap-free), and the events in between
   * concern orders. Undefined: the store cannot filter, so the subscription reads from the start.
   */
  private async catchUpOnIdentityStreams(onProgress?: (applied: number) => void): Promise<GlobalPosition | undefined> {
    const read = streamsReaderOf(this.store);
    if (read === undefined) return undefined;
    let last: GlobalPosition | undefined;
    for (;;) {
      const page = await read({ prefixes: IDENTITY_STREAM_PREFIXES, ...(last !== undefined ? { after: last } : {}), maxCount: CATCH_UP_PAGE });
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
    if (atOrAfter(this.current, position)) return;
    this.current = position;
    if (this.head === undefined || position > this.head) this.head = position;
    if (this.head === position) this.behind = 0;
    for (const w of this.waiters) {
      if (atOrAfter(this.current, w.position)) {
        this.waiters.delete(w);
        w.resolve(true);
      }
    }
  }

  apply(e: RecordedEvent): void {
    this.identity.apply(e);
    this.current = e.globalPosition;
    this.applied += 1;
    if (this.head === undefined || e.globalPosition > this.head) this.head = e.globalPosition;
    this.behind = this.head === e.globalPosition ? 0 : Math.max(0, this.behind - 1);
    for (const w of this.waiters) {
      if (atOrAfter(this.current, w.position)) {
        this.waiters.delete(w);
        w.resolve(true);
      }
    }
  }

  /** Tell the view a write happened at `position`, for the lag gauge. */
  noteWrite(position: GlobalPosition): void {
    if (this.head === undefined || position > this.head) {
      this.head = position;
      this.behind += 1;
    }
  }

  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    if (atOrAfter(this.current, position)) return Promise.resolve(true);
    if (this.failure !== undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.probe !== undefined) clearTimeout(this.probe);
    for (const w of this.waiters) w.resolve(false);
    this.waiters.clear();
    await this.running;
  }
}
