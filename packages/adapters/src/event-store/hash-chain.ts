import { eventHashBody, eventHashInput, type EventMetadata, type EventMetadataInput, type NewEvent } from '@ccpor/domain';
import { sha256Hex } from '../crypto/sha256-hex';

/**
 * The per-stream hash chain (ADR 0003), computed in TypeScript: by the in-memory and EventStoreDB
 * stores when they append, by the SQL stores' bulk path, and by whoever verifies a chain (the
 * audit's verify-chains). The SQL stores' one-statement appends compute the same link in SQL
 * from a hash body split around the stream version (sql/hash-body-template.ts).
 */

/** An event's hash from the previous event's hash and its own hash body (eventHashBody). */
export const linkHash = (previousHash: string, body: string): string => sha256Hex(eventHashInput(previousHash, body));

/** An event's hash from the previous event's hash and the event at its place in its stream. */
export const eventHash = (
  previousHash: string,
  event: { streamId: string; streamVersion: number; type: string; schemaVersion: number; data: unknown; metadata: EventMetadataInput },
): string => linkHash(previousHash, eventHashBody(event));

/** One event of an append with its place in the stream and its link in the hash chain. */
export interface ChainedEvent {
  readonly event: NewEvent;
  readonly streamVersion: number;
  readonly metadata: EventMetadata;
}

/**
 * Links `events` onto a stream whose last event is at `currentVersion` with hash `previousHash`.
 * The events are hashed as given: a store that hands back events through JSON normalises them
 * first, so the hash covers exactly what a reader gets back.
 */
export const chainEvents = (
  streamId: string,
  currentVersion: number,
  previousHash: string,
  events: readonly NewEvent[],
): ChainedEvent[] => {
  let previous = previousHash;
  return events.map((event, i) => {
    const streamVersion = currentVersion + i + 1;
    const hash = eventHash(previous, { streamId, streamVersion, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata });
    const metadata: EventMetadata = { ...event.metadata, previousHash: previous, hash };
    previous = hash;
    return { event, streamVersion, metadata };
  });
};
