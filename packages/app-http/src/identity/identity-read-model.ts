import type { EventStore, GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { IdentityView } from './identity-view';

const atOrAfter = (a: GlobalPosition | undefined, b: GlobalPosition) => a !== undefined && a >= b;

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

  constructor(private readonly store: EventStore) {}

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

  /** Reads the log up to its current head (so the views are complete), then follows it live. */
  async start(onProgress?: (applied: number) => void): Promise<void> {
    this.head = await this.store.headPosition();
    const caughtUp = this.head === undefined ? Promise.resolve(true) : this.waitFor(this.head, 24 * 3600_000);
    this.running = (async () => {
      try {
        for await (const e of this.store.subscribe({ signal: this.abort.signal })) {
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
    await caughtUp;
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
    for (const w of this.waiters) w.resolve(false);
    this.waiters.clear();
    await this.running;
  }
}
