import type { Clock } from '@ccpor/domain';

/** A clock tests move by hand, so time-dependent rules are exercised deterministically. */
export class FixedClock implements Clock {
  constructor(private current: string) {}
  now(): string {
    return this.current;
  }
  set(iso: string): void {
    this.current = iso;
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(Date.parse(this.current) + minutes * 60_000).toISOString();
  }
}
