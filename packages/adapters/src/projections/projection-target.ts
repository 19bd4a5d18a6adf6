import type { GlobalPosition, RecordedEvent } from '@ccpor/domain';

/**
 * What a compare-and-set of a checkpoint found (the outcomes Emmett's store function reports):
 * - `stored`: the checkpoint was at the expected position; the batch was applied and it moved;
 * - `idempotent`: it already stood at the batch's last position, so this batch was applied
 *   before (a retry after a lost acknowledgement); nothing was written;
 * - `mismatch`: another runner moved it elsewhere; nothing was written;
 * - `ahead`: it already stands past the batch's last position; nothing was written.
 */
export type CheckpointOutcome = 'stored' | 'idempotent' | 'mismatch' | 'ahead';

export interface Checkpoint {
  /** undefined: nothing applied yet. */
  readonly position: GlobalPosition | undefined;
  /** recordedAt of the last applied event. */
  readonly lastRecordedAt: string | undefined;
}

/**
 * A view a ProjectionRunner feeds. `apply` must apply the events and move the checkpoint from
 * `expected` to the last event's position atomically, and must be idempotent per event (a
 * replay changes nothing), because delivery is at least once.
 */
export interface ProjectionTarget {
  readonly name: string;
  checkpoint(): Promise<Checkpoint>;
  apply(events: readonly RecordedEvent[], expected: GlobalPosition | undefined): Promise<CheckpointOutcome>;
  /** Empties the view and its checkpoint, for a rebuild from the start of the log. */
  reset(): Promise<void>;
}

/** The CAS decision, shared by every target so they agree on it. */
export const compareCheckpoint = (
  current: string | undefined,
  expected: string | undefined,
  next: string,
): CheckpointOutcome => {
  if (current === expected) return 'stored';
  if (current === next) return 'idempotent';
  // Positions compare as strings by the port's contract (string order = log order).
  if (current !== undefined && current > next) return 'ahead';
  return 'mismatch';
};
