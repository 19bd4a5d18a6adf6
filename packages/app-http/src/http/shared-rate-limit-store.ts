import type { Options, Store, IncrementResponse } from 'express-rate-limit';
import type { RateWindows } from '@ccpor/domain';

/**
 * express-rate-limit's store over the shared rate windows (ADR 0060): on PostgreSQL the login
 * limit per client address holds across every registry process, so a client cannot multiply it
 * by the number of processes behind the load balancer.
 */
export class SharedRateLimitStore implements Store {
  private windowMs = 60_000;
  /** Keys counted here are seen by every process. */
  readonly localKeys = false;

  constructor(
    private readonly windows: RateWindows,
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { hits, resetAt } = await this.windows.hit(`${this.prefix}${key}`, this.windowMs, this.now());
    return { totalHits: hits, resetTime: new Date(resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await this.windows.unhit(`${this.prefix}${key}`, this.now());
  }

  async resetKey(key: string): Promise<void> {
    await this.windows.reset(`${this.prefix}${key}`);
  }
}
