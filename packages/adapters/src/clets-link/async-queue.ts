/**
 * An unbounded single-consumer queue with async iteration. Inbound DOJ frames are few and
 * small; the consumer (the gateway) always drains it, so memory is bounded by its lag.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiter: ((done: boolean) => void) | undefined;
  private ended = false;

  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    this.wake(false);
  }

  end(): void {
    this.ended = true;
    this.wake(true);
  }

  private wake(done: boolean): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(done);
  }

  async *drain(signal?: AbortSignal): AsyncGenerator<T> {
    const onAbort = (): void => this.wake(true);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted === true) return;
        const item = this.items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (this.ended) return;
        const done = await new Promise<boolean>((resolve) => {
          this.waiter = resolve;
        });
        if (done && this.items.length === 0) return;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
