import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { type FaultPlan, type FaultTrigger, RESPONSE_FAULTS, type ResponseFault } from './fault-plan';

/** What to do with one response. */
export interface ResponseDecision {
  readonly faults: readonly ResponseFault[];
  readonly delayMs: number;
  readonly holdMs: number;
  /** Index of the frame byte to change and the XOR mask, when garbling. */
  readonly garbleAt: number;
  readonly garbleMask: number;
}

const RANGE = 1_000_000;

/**
 * A fault plan with its own seeded generator and counters. Every decision draws the same
 * number of values whatever fires, so one seed always gives the same sequence of faults.
 */
export class FaultState {
  private readonly rng: RandomGenerator;
  private responses = 0;
  private connections = 0;

  constructor(readonly plan: FaultPlan) {
    this.rng = xoroshiro128plus(plan.seed ?? 1);
  }

  private draw(max: number): number {
    return unsafeUniformIntDistribution(0, max, this.rng);
  }

  private fires(trigger: FaultTrigger | undefined, ordinal: number): boolean {
    const roll = this.draw(RANGE - 1);
    if (trigger === undefined) return false;
    if (trigger.on?.includes(ordinal) === true) return true;
    return trigger.probability !== undefined && roll < trigger.probability * RANGE;
  }

  /** Whether the next accepted connection is refused. */
  refuseConnection(): boolean {
    this.connections += 1;
    return this.fires(this.plan.refuse, this.connections);
  }

  /** Which faults hit the next response, for a frame of `frameLength` bytes. */
  decideResponse(frameLength: number): ResponseDecision {
    this.responses += 1;
    const ordinal = this.responses;
    const faults = RESPONSE_FAULTS.filter((fault) => this.fires(this.plan[fault], ordinal));
    const garbleAt = this.draw(Math.max(frameLength - 1, 0));
    const garbleMask = 1 + this.draw(254);
    return { faults, delayMs: this.plan.delay?.ms ?? 0, holdMs: this.plan.reorder?.holdMs ?? 250, garbleAt, garbleMask };
  }
}
