import type { ExpectedVersion } from '@ccpor/domain';
import { NO_STREAM, type AppendExpectedRevision } from '@eventstore/db-client';

/**
 * The port counts versions (events in the stream, 0 = none); EventStoreDB counts revisions
 * (0-based number of the last event). version n is revision n - 1.
 */

/** The revision of a stream at `version`, as the client spells it for an exact expectation. */
export const revisionAt = (version: number): AppendExpectedRevision => (version === 0 ? NO_STREAM : BigInt(version - 1));

/** The version for a revision the server reported ('no_stream' = 0). */
export const versionOf = (revision: bigint | 'no_stream' | string): number =>
  typeof revision === 'bigint' ? Number(revision) + 1 : 0;

/** Whether the stream's current version satisfies the expectation. */
export const satisfies = (expected: ExpectedVersion, current: number): boolean => {
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

/** `any` and `exists` hold for more than one version, so losing a race is worth another try. */
export const retriesOnConflict = (expected: ExpectedVersion): boolean => expected.kind === 'any' || expected.kind === 'exists';
