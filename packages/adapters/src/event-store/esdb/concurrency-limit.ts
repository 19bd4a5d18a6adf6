/**
 * At most `limit` operations at once; the rest wait in arrival order. The Node client queues
 * every batch-append on one channel, and a burst of thousands on a fresh connection has been
 * seen to hang (EventStore Node client issue #304; docs/performance-goals.md), so the adapter keeps its in-flight appends bounded.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A concurrency limit must be a positive integer, got ${limit}`);
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await operation();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never drops and rises again.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
