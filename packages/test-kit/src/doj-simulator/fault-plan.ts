import * as t from 'io-ts';

/**
 * When a fault fires: with a probability drawn from the plan's seeded generator, and/or on
 * a fixed schedule of 1-based ordinals (the n-th response, or the n-th connection for
 * `refuse`). Both may be given; either firing is enough.
 */
export const FaultTriggerC = t.partial({ probability: t.number, on: t.readonlyArray(t.number) }, 'FaultTrigger');
export type FaultTrigger = t.TypeOf<typeof FaultTriggerC>;

export const FaultPlanC = t.partial(
  {
    /** Seed of the generator behind every probability, so a run can be replayed. */
    seed: t.number,
    /** Hold the response this long before sending it. */
    delay: t.intersection([FaultTriggerC, t.type({ ms: t.number })]),
    /** Never send the response. */
    drop: FaultTriggerC,
    /** Send the response twice. */
    duplicate: FaultTriggerC,
    /** Hold the response and send it after the next one (or after `holdMs`, 250 by default). */
    reorder: t.intersection([FaultTriggerC, t.partial({ holdMs: t.number })]),
    /** Change one byte of the outgoing frame. */
    garble: FaultTriggerC,
    /** Close the connection instead of answering. */
    close: FaultTriggerC,
    /** Destroy new connections as soon as they are accepted. */
    refuse: FaultTriggerC,
  },
  'FaultPlan',
);
export type FaultPlan = t.TypeOf<typeof FaultPlanC>;

export type ResponseFault = 'delay' | 'drop' | 'duplicate' | 'reorder' | 'garble' | 'close';
export const RESPONSE_FAULTS: readonly ResponseFault[] = ['close', 'drop', 'delay', 'duplicate', 'reorder', 'garble'];
