import { randomUUID } from 'node:crypto';
import type { Actor, EventMetadata, RecordedEvent, Upcaster } from '@ccpor/domain';
import type { JSONEventData, JSONType, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { ChainedEvent } from '../hash-chain';
import { toGlobalPosition } from './global-position';

/**
 * How a registry event sits in EventStoreDB: the payload is the event's JSON data; the custom
 * metadata holds the port's metadata (actor, correlation, causation, recorded-at, extras, the
 * hash chain) plus the schema version, which EventStoreDB has no field for.
 */
export interface StoredMetadata {
  readonly schemaVersion: number;
  readonly eventId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly recordedAt: string;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly previousHash: string;
  readonly hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const toEventData = ({ event, metadata }: ChainedEvent): JSONEventData => {
  const stored: StoredMetadata = {
    schemaVersion: event.schemaVersion,
    eventId: metadata.eventId,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    ...(metadata.causationId === undefined ? {} : { causationId: metadata.causationId }),
    recordedAt: metadata.recordedAt,
    ...(metadata.extra === undefined ? {} : { extra: metadata.extra }),
    previousHash: metadata.previousHash,
    hash: metadata.hash,
  };
  return {
    // EventStoreDB ids must be UUIDs; a registry id that is not one stays in the metadata only.
    id: UUID.test(metadata.eventId) ? metadata.eventId : randomUUID(),
    contentType: 'application/json',
    type: event.type,
    // The port's data is any JSON value; the client's type is narrower than what it sends.
    data: event.data as JSONType,
    metadata: stored as unknown as JSONType,
  };
};

/** Events written by the registry carry this metadata; anything else in the log is not ours. */
export const isStoredMetadata = (value: unknown): value is StoredMetadata => {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.schemaVersion === 'number' &&
    typeof m.eventId === 'string' &&
    typeof m.hash === 'string' &&
    typeof m.previousHash === 'string' &&
    typeof m.actor === 'object' &&
    m.actor !== null
  );
};

/** A registry event as the port returns it, upcast; undefined for an event the registry did not write. */
export const toRecordedEvent = (event: EsdbRecordedEvent, upcast: Upcaster): RecordedEvent | undefined => {
  const stored: unknown = event.metadata;
  if (!event.isJson || !isStoredMetadata(stored) || event.position === undefined) return undefined;
  const { schemaVersion, ...rest } = stored;
  const metadata: EventMetadata = rest;
  const current = upcast({ type: event.type, schemaVersion, data: event.data });
  return {
    streamId: event.streamId,
    streamVersion: Number(event.revision) + 1,
    globalPosition: toGlobalPosition(event.position),
    type: current.type,
    schemaVersion: current.schemaVersion,
    data: current.data,
    metadata,
  };
};

/** System streams and system event types start with `$`; the registry never writes either. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
  event.streamId.startsWith('$') || event.type.startsWith('$');
