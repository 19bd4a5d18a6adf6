import type { AppendError, ExpectedVersion } from './event-store';

/**
 * The expected-version rule of every event store (ADR 0003), written once: the in-memory store
 * decides with it, the SQL stores' bulk path checks with it before writing (their one-statement
 * paths say the same in SQL), and the EventStoreDB adapter checks with it before it appends at
 * an exact revision. `current` is the stream's version: its event count, 0 = no stream.
 */
export const versionSatisfies = (expected: ExpectedVersion, current: number): boolean => {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 0;
    case 'exists':
      return current > 0;
    case 'exact':
      return current === expected.version;
  }
};

/**
 * Whether an append that lost a race for the next version may simply try again: only `any` and
 * `exists` hold for more than one version; `no_stream` and `exact` were answered by the winner.
 */
export const retriesOnConflict = (expected: ExpectedVersion): boolean => expected.kind === 'any' || expected.kind === 'exists';

/** The refusal of an append whose expectation the stream does not satisfy; `actual` null when unknown. */
export const wrongExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number | null): AppendError => ({
  code: 'WRONG_EXPECTED_VERSION',
  streamId,
  expected,
  actual,
});
