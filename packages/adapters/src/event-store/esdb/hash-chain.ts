import { createHash } from 'node:crypto';
import { eventHashBody, eventHashInput, type EventMetadata, type NewEvent } from '@ccpor/domain';

/** One event of an append with its place in the stream and its link in the hash chain. */
export interface ChainedEvent {
  readonly event: NewEvent;
  readonly streamVersion: number;
  readonly metadata: EventMetadata;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Links `events` onto a stream whose last event is at `currentVersion` with hash `previousHash`.
 * The hashes are computed here, not on the server, because EventStoreDB has no stored
 * procedures; the exact expected revision on the append makes sure the chain was built on the
 * real tail.
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
    const body = eventHashBody({ streamId, streamVersion, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata });
    const hash = sha256Hex(eventHashInput(previous, body));
    const metadata: EventMetadata = { ...event.metadata, previousHash: previous, hash };
    previous = hash;
    return { event, streamVersion, metadata };
  });
};
