import type { OutboxWorker, OutboxWorkerStats } from '@ccpor/adapters';

/**
 * An outbox worker that runs only while this process leads its job (ADR 0061): the service
 * around it (its tables, the routes that read them) is up in every process, the feeder and
 * sender loops in one. Counters carry over from one period of leading to the next.
 */
export class SwitchableOutboxWorker {
  private worker: OutboxWorker | undefined;
  private past: OutboxWorkerStats = { delivered: 0, failedAttempts: 0, deadLettered: 0, withheld: 0 };

  constructor(
    private readonly startWorker: () => OutboxWorker,
    leading: boolean,
  ) {
    if (leading) this.lead();
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  lead(): void {
    this.worker ??= this.startWorker();
  }

  /** Stops the loops (after the message in hand); the outbox rows wait for the next leader. */
  async follow(): Promise<void> {
    const w = this.worker;
    if (w === undefined) return;
    this.worker = undefined;
    await w.stop();
    const s = w.stats();
    this.past = { delivered: this.past.delivered + s.delivered, failedAttempts: this.past.failedAttempts + s.failedAttempts, deadLettered: this.past.deadLettered + s.deadLettered, withheld: this.past.withheld + s.withheld };
  }

  wake(): void {
    this.worker?.wake();
  }

  stats(): OutboxWorkerStats {
    const s = this.worker?.stats();
    return s === undefined
      ? { ...this.past }
      : { delivered: this.past.delivered + s.delivered, failedAttempts: this.past.failedAttempts + s.failedAttempts, deadLettered: this.past.deadLettered + s.deadLettered, withheld: this.past.withheld + s.withheld };
  }

  stop(): Promise<void> {
    return this.follow();
  }
}
