/**
 * How many pages may be waiting for or in OCR at once. A request that does not fit is told the
 * registry is busy (the HTTP answer 503) instead of queueing without bound; background work (the
 * scan inbox) waits its turn instead. Waiters are served in arrival order.
 */
export class PageBudget {
  private used = 0;
  private readonly waiters: { pages: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.waiters.reduce((n, w) => n + w.pages, 0);
  }

  /** Takes `pages` now, or answers false when they do not fit (or others are already waiting). */
  tryTake(pages: number): boolean {
    const n = Math.min(pages, this.capacity);
    if (this.waiters.length > 0 || this.used + n > this.capacity) return false;
    this.used += n;
    return true;
  }

  /** Takes `pages` as soon as they fit. */
  take(pages: number, signal?: AbortSignal): Promise<void> {
    if (this.tryTake(pages)) return Promise.resolve();
    const n = Math.min(pages, this.capacity);
    return new Promise((resolve, reject) => {
      const waiter = { pages: n, resolve, reject };
      this.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  release(pages: number): void {
    this.used -= Math.min(pages, this.capacity);
    while (this.waiters.length > 0 && this.used + this.waiters[0]!.pages <= this.capacity) {
      const w = this.waiters.shift()!;
      this.used += w.pages;
      w.resolve();
    }
  }
}
