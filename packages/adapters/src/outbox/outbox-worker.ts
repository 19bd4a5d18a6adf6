import { backoffDelay } from '../clets-link/exponential-backoff';
import { type Delivery, type DeliveryOutbox, type DeliveryStatus } from './delivery-outbox';
import { type LogFeeder } from './log-feeder';
import { Signal } from './signal';

/** What became of one attempt. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'failed'; readonly error: string }
  /** The receiver may no longer see it (key revoked, order sealed since): closed, never sent. */
  | { readonly kind: 'withheld'; readonly reason: string };

export type Sender = (delivery: Delivery) => Promise<DeliveryOutcome>;

export interface OutboxWorkerOptions {
  readonly feeder: LogFeeder;
  readonly outbox: DeliveryOutbox;
  readonly send: Sender;
  /** Rows sent at once (each the head of its ordering key). Default 8. */
  readonly concurrency?: number;
  /** How often idle loops look again when nothing woke them. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Loop failures (a database error); the loop backs off and carries on. */
  readonly onError?: (where: 'feeder' | 'dispatcher', error: unknown) => void;
  /** Every settled attempt, for metrics and the log (the outcome's error text carries no personal data). */
  readonly onOutcome?: (delivery: Delivery, outcome: DeliveryOutcome, status: DeliveryStatus | undefined) => void;
}

export interface OutboxWorkerStats {
  readonly delivered: number;
  readonly failedAttempts: number;
  readonly deadLettered: number;
  readonly withheld: number;
}

/**
 * Two loops over one outbox: the feeder turns log events into rows, the dispatcher sends what may
 * go. All state is in the tables, so a stop (or a crash) at any point and a later start carry on.
 */
export class OutboxWorker {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly feedWake = new Signal();
  private readonly sendWake = new Signal();
  private readonly counters = { delivered: 0, failedAttempts: 0, deadLettered: 0, withheld: 0 };

  private constructor(private readonly options: OutboxWorkerOptions) {}

  static start(options: OutboxWorkerOptions): OutboxWorker {
    const worker = new OutboxWorker(options);
    worker.loops.push(worker.feedLoop(), worker.sendLoop());
    return worker;
  }

  /** Feeds and sends now rather than at the next poll. */
  wake(): void {
    this.feedWake.raise();
    this.sendWake.raise();
  }

  stats(): OutboxWorkerStats {
    return { ...this.counters };
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake();
    await Promise.all(this.loops);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private get pollMs(): number {
    return this.options.pollIntervalMs ?? 500;
  }

  private report(where: 'feeder' | 'dispatcher', error: unknown): void {
    if (!this.stopped) this.options.onError?.(where, error);
  }

  private async feedLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const read = await this.options.feeder.step();
        failures = 0;
        if (read > 0) this.sendWake.raise();
        else await this.feedWake.wait(this.pollMs);
      } catch (error) {
        this.report('feeder', error);
        failures += 1;
        await this.feedWake.wait(backoffDelay({ initialMs: this.pollMs, maxMs: 30_000 }, failures));
      }
    }
  }

  private async sendLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const claimed = await this.options.outbox.claim(this.options.concurrency ?? 8);
        failures = 0;
        if (claimed.length === 0) {
          await this.sendWake.wait(this.pollMs);
          continue;
        }
        await Promise.all(claimed.map((d) => this.deliver(d)));
      } catch (error) {
        this.report('dispatcher', error);
        failures += 1;
        await this.sendWake.wait(backoffDelay({ initialMs: this.pollMs, maxMs: 30_000 }, failures));
      }
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.options.send(d);
    } catch (error) {
      outcome = { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    const { outbox } = this.options;
    let status: DeliveryStatus | undefined;
    if (outcome.kind === 'delivered') {
      status = (await outbox.delivered(d.id)) ? 'delivered' : undefined;
      if (status !== undefined) this.counters.delivered += 1;
    } else if (outcome.kind === 'withheld') {
      status = (await outbox.withheld(d.id, outcome.reason)) ? 'withheld' : undefined;
      if (status !== undefined) this.counters.withheld += 1;
    } else {
      status = await outbox.failed(d.id, outcome.error);
      this.counters.failedAttempts += 1;
      if (status === 'dead') this.counters.deadLettered += 1;
    }
    this.options.onOutcome?.(d, outcome, status);
  }
}
