import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { type AppendReq, type BatchAppendReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord, ProposedEvent } from './esdb-log';

/** Conversions between the client's generated protobuf classes and the stand-in's log records. */

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

export const streamIdentifier = (streamName: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));

/** A UUID message as text; the structured form is two big-endian signed 64-bit halves. */
export const uuidText = (uuid: UUID | undefined): string => {
  if (uuid === undefined) return '';
  const structured = uuid.getStructured();
  if (uuid.hasStructured() && structured !== undefined) {
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
    bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
};

export const uuidMessage = (text: string, structured: boolean): UUID => {
  if (!structured) return new UUID().setString(text);
  const bytes = Buffer.from(text.replace(/-/g, ''), 'hex');
  const halves = new UUID.Structured()
    .setMostSignificantBits(bytes.readBigInt64BE(0).toString(10))
    .setLeastSignificantBits(bytes.readBigInt64BE(8).toString(10));
  return new UUID().setStructured(halves);
};

export const proposedEvent = (message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent => {
  const metadata = message.getMetadataMap();
  return {
    id: uuidText(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    // Copies, so nothing the gRPC layer reuses can change what was stored.
    data: Uint8Array.from(message.getData_asU8()),
    customMetadata: Uint8Array.from(message.getCustomMetadata_asU8()),
  };
};

/** One `event` message of a Read response, as the server sends it for a record. */
export const readEventResponse = (record: LogRecord, structuredUuids: boolean): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.id, structuredUuids))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString(10))
    .setCommitPosition(record.position.commit.toString(10))
    .setPreparePosition(record.position.prepare.toString(10))
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.createdTicks.toString(10));
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.commit.toString(10));
  return new ReadResp().setEvent(event);
};
