import { NO_STREAM, type AppendExpectedRevision } from '@eventstore/db-client';

/**
 * The port counts versions (events in the stream, 0 = none); EventStoreDB counts revisions
 * (0-based number of the last event). version n is revision n - 1. Whether a version satisfies
 * an expectation is the domain's rule (versionSatisfies); only the numbering is EventStoreDB's.
 */

/** The revision of a stream at `version`, as the client spells it for an exact expectation. */
export const revisionAt = (version: number): AppendExpectedRevision => (version === 0 ? NO_STREAM : BigInt(version - 1));

/** The version for a revision the server reported ('no_stream' = 0). */
export const versionOf = (revision: bigint | 'no_stream' | string): number =>
  typeof revision === 'bigint' ? Number(revision) + 1 : 0;
