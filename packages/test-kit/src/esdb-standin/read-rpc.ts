import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { CallLifecycle } from './call-lifecycle';
import { comparePositions, type EsdbLog, type LogPosition, type LogRecord } from './esdb-log';
import { eventFilterOf, type EventFilter } from './event-filter';
import { readEventResponse, streamIdentifier, streamNameOf } from './proto-messages';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
type Call = CallLifecycle<ReadReq, ReadResp>;

const { AllOptions, StreamOptions } = ReadReq.Options;

/**
 * Streams.Read: one RPC serves reads of a stream, reads of $all, and subscriptions. Reads end
 * the call after the last event; a subscription confirms, replays history, says `caughtUp`,
 * then forwards live appends until the client cancels or the server stops.
 */
export const serveRead = (log: EsdbLog, call: ReadCall, track: (stop: () => void) => () => void): void => {
  const lifecycle = new CallLifecycle(call);
  const untrack = track(() => lifecycle.end());
  readRequest(log, call.request, lifecycle)
    .catch((error: unknown) => {
      lifecycle.fail({ code: status.INTERNAL, details: String(error) });
    })
    .finally(untrack);
};

const readRequest = async (log: EsdbLog, request: ReadReq, call: Call): Promise<void> => {
  const options = request.getOptions();
  if (options === undefined) return fail(call, 'Read request without options.');
  const structuredUuids = options.getUuidOption()?.hasStructured() ?? false;
  const subscription = options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION;
  const backward = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = options.hasCount() ? BigInt(options.getCount()) : 0n;
  const stream = options.getStream();
  const all = options.getAll();
  if (stream !== undefined) {
    if (subscription) return unimplemented(call, 'The stand-in serves subscriptions to $all only.');
    return readStream(log, stream, backward, count, structuredUuids, call);
  }
  if (all === undefined) return fail(call, 'Read request names neither a stream nor $all.');
  const filter = eventFilterOf(options);
  if (subscription) return subscribeToAll(log, all, filter, structuredUuids, call);
  return readAll(log, all, backward, count, filter, structuredUuids, call);
};

const readStream = async (
  log: EsdbLog,
  options: ReadReq.Options.StreamOptions,
  backward: boolean,
  count: bigint,
  structuredUuids: boolean,
  call: Call,
): Promise<void> => {
  const name = streamNameOf(options.getStreamIdentifier());
  const records = log.stream(name);
  if (records === undefined || records.length === 0) {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
    await call.write(new ReadResp().setStreamNotFound(notFound));
    return call.end();
  }
  const last = BigInt(records.length - 1);
  const revision = options.hasRevision() ? BigInt(options.getRevision()) : undefined;
  const from =
    options.getRevisionOptionCase() === StreamOptions.RevisionOptionCase.END
      ? backward
        ? last
        : last + 1n
      : (revision ?? 0n);
  const step = backward ? -1n : 1n;
  let sent = 0n;
  // Backward from beyond the end starts at the last event, as the server does.
  for (let i = backward && from > last ? last : from; i >= 0n && i <= last && sent < count; i += step) {
    if (!call.active) return;
    await call.write(readEventResponse(records[Number(i)] as LogRecord, structuredUuids));
    sent++;
  }
  call.end();
};

const readAll = async (
  log: EsdbLog,
  options: ReadReq.Options.AllOptions,
  backward: boolean,
  count: bigint,
  filter: EventFilter,
  structuredUuids: boolean,
  call: Call,
): Promise<void> => {
  // Forward reads include the event at the given position; backward reads start just before it.
  const position = positionOf(options);
  let index: number;
  switch (options.getAllOptionCase()) {
    case AllOptions.AllOptionCase.START:
      index = backward ? -1 : 0;
      break;
    case AllOptions.AllOptionCase.END:
      index = backward ? log.length - 1 : log.length;
      break;
    default:
      index = position === undefined ? 0 : log.indexAtOrAfter(position) - (backward ? 1 : 0);
  }
  let sent = 0n;
  for (let i = index; i >= 0 && i < log.length && sent < count; i += backward ? -1 : 1) {
    if (!call.active) return;
    const record = log.at(i) as LogRecord;
    if (!filter.matches(record)) continue;
    await call.write(readEventResponse(record, structuredUuids));
    sent++;
  }
  call.end();
};

const subscribeToAll = async (
  log: EsdbLog,
  options: ReadReq.Options.AllOptions,
  filter: EventFilter,
  structuredUuids: boolean,
  call: Call,
): Promise<void> => {
  let cursor: number;
  const position = positionOf(options);
  switch (options.getAllOptionCase()) {
    case AllOptions.AllOptionCase.END:
      cursor = log.length;
      break;
    case AllOptions.AllOptionCase.POSITION:
      // A subscription starts strictly after its checkpoint.
      cursor = position === undefined ? 0 : log.indexAtOrAfter(position);
      if (position !== undefined && cursor < log.length && comparePositions((log.at(cursor) as LogRecord).position, position) === 0) {
        cursor++;
      }
      break;
    default:
      cursor = 0;
  }
  // Register for appends before the first read, so nothing can slip between catch-up and live.
  let wake: (() => void) | undefined;
  const unsubscribe = log.onAppend(() => wake?.());
  try {
    await call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    let scanned = 0;
    let caughtUp = false;
    while (call.active) {
      while (cursor < log.length && call.active) {
        const record = log.at(cursor++) as LogRecord;
        scanned++;
        if (filter.matches(record)) await call.write(readEventResponse(record, structuredUuids));
        if (filter.checkpointEvery !== undefined && scanned % filter.checkpointEvery === 0) {
          await call.write(checkpoint(record.position));
        }
      }
      if (!caughtUp) {
        caughtUp = true;
        const head = log.headPosition();
        // A filtered subscriber learns how far the server has looked even if nothing matched.
        if (filter.checkpointEvery !== undefined && head !== undefined) await call.write(checkpoint(head));
        await call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      }
      if (cursor < log.length) continue;
      await call.until(new Promise<void>((resolve) => (wake = resolve)));
      wake = undefined;
    }
  } finally {
    unsubscribe();
  }
};

const positionOf = (options: ReadReq.Options.AllOptions): LogPosition | undefined => {
  const position = options.getPosition();
  if (!options.hasPosition() || position === undefined) return undefined;
  return { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
};

const checkpoint = (position: LogPosition): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.commit.toString(10)).setPreparePosition(position.prepare.toString(10)),
  );

const fail = (call: Call, details: string): void => call.fail({ code: status.INVALID_ARGUMENT, details });
const unimplemented = (call: Call, details: string): void => call.fail({ code: status.UNIMPLEMENTED, details });
