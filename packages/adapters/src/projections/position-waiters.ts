import type { GlobalPosition } from '@ccpor/domain';

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: (reached: boolean) => void;
}

const atOrAfter = (current: GlobalPosition | undefined, position: GlobalPosition): boolean => current !== undefined && current >= position;

/**
 * How far a reader of the log has got, and the callers waiting for it to get somewhere
 * (read-your-writes: a request waits until the view holds its own write). Positions are opaque
 * strings whose order is log order (ADR 0003), so "reached p" is a comparison. Shared by the
 * projection runner, the registry's search projector and its identity view (ADR 0083).
 */
export class PositionWaiters {
  private current: GlobalPosition | undefined;
  private readonly waiters = new Set<Waiter>();

  /** The furthest position reached (undefined: none yet). */
  get position(): GlobalPosition | undefined {
    return this.current;
  }

  /** Callers waiting now. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Moves the position forward (never back) and releases every waiter it now passes. */
  advance(position: GlobalPosition | undefined): void {
    if (position === undefined || atOrAfter(this.current, position)) return;
    this.current = position;
    for (const waiter of [...this.waiters]) if (atOrAfter(position, waiter.position)) waiter.resolve(true);
  }

  /** Forgets the position (a view emptied for a rebuild); waiters stay until it comes back. */
  reset(): void {
    this.current = undefined;
  }

  /** Resolves true once the position reaches `position`, false after `timeoutMs` or when released. */
  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    if (atOrAfter(this.current, position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Releases every waiter with false (the reader stopped or failed). */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(false);
  }
}
