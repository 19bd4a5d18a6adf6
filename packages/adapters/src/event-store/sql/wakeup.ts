/**
 * Wakes waiting subscribers when the log may have grown. Every signal bumps a generation
 * counter; a subscriber remembers the generation before it reads, and after an empty read
 * waits only if nothing was signalled in between, so a wake-up that lands during the read
 * is never lost. The poll interval bounds the wait when no signal comes at all (another
 * process wrote without notifying, or an old transaction held the snapshot back).
 */
export class Wakeup {
  private generationCounter = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.generationCounter;
  }

  signal(): void {
    this.generationCounter++;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Resolves when the generation moves past `seen`, after `pollMs`, or when `abort` fires. */
  wait(seen: number, pollMs: number, abort: AbortSignal): Promise<void> {
    if (this.generationCounter !== seen || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}
