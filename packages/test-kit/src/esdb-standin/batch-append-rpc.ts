import type { ServerDuplexStream } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, BadRequest, WrongExpectedVersion, type UUID } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { type BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EsdbLog, ExpectedRevision, ProposedEvent } from './esdb-log';
import { expectedOfBatchAppend } from './expected-revision';
import { proposedEvent, streamIdentifier, streamNameOf, uuidText } from './proto-messages';

interface PendingWrite {
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly events: ProposedEvent[];
}

/**
 * Streams.BatchAppend, the bidirectional RPC the client multiplexes all its appends over: each
 * append is a run of requests sharing a correlation id (options on the first, `is_final` on the
 * last), answered by one response with that id. Failures travel as a google.rpc.Status whose
 * details pack the reason, the way the server reports them.
 */
export const serveBatchAppend = (log: EsdbLog, call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>, track: (stop: () => void) => () => void): void => {
  const pending = new Map<string, PendingWrite>();
  const untrack = track(() => call.end());
  call.on('data', (request: BatchAppendReq) => {
    const correlationId = request.getCorrelationId();
    const key = uuidText(correlationId);
    const options = request.getOptions();
    if (options !== undefined) {
      const expected = expectedOfBatchAppend(options);
      if (expected === undefined) {
        call.write(errorResponse(correlationId, options.getStreamIdentifier(), badRequest('No expected stream position.')));
        return;
      }
      pending.set(key, { streamName: streamNameOf(options.getStreamIdentifier()), expected, events: [] });
    }
    const write = pending.get(key);
    if (write === undefined) return;
    write.events.push(...request.getProposedMessagesList().map(proposedEvent));
    if (!request.getIsFinal()) return;
    pending.delete(key);
    const outcome = log.append(write.streamName, write.expected, write.events);
    call.write(batchResponse(correlationId, write, outcome));
  });
  const finish = (): void => {
    untrack();
    call.end();
  };
  call.on('end', finish);
  call.on('cancelled', untrack);
  call.on('error', untrack);
};

const batchResponse = (correlationId: UUID | undefined, write: PendingWrite, outcome: AppendOutcome): BatchAppendResp => {
  if (!outcome.ok) return errorResponse(correlationId, streamIdentifier(write.streamName), wrongExpectedVersion(outcome.currentRevision, write.expected));
  const success = new BatchAppendResp.Success().setPosition(
    new AllStreamPosition()
      .setCommitPosition(outcome.position.commit.toString(10))
      .setPreparePosition(outcome.position.prepare.toString(10)),
  );
  if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString(10));
  return withExpected(new BatchAppendResp(), write.expected)
    .setCorrelationId(correlationId)
    .setStreamIdentifier(streamIdentifier(write.streamName))
    .setSuccess(success);
};

const errorResponse = (
  correlationId: UUID | undefined,
  identifier: ReturnType<typeof streamIdentifier> | undefined,
  error: Status,
): BatchAppendResp => new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(identifier).setError(error);

const packed = (message: { serializeBinary(): Uint8Array }, typeName: string): Any => {
  const any = new Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
};

const wrongExpectedVersion = (current: bigint | undefined, expected: ExpectedRevision): Status => {
  const details = new WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString(10));
  switch (expected.kind) {
    case 'any':
      details.setExpectedAny(new Empty());
      break;
    case 'no_stream':
      details.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      details.setExpectedStreamExists(new Empty());
      break;
    case 'exact':
      details.setExpectedStreamPosition(expected.revision.toString(10));
      break;
  }
  return new Status()
    .setCode(Code.ALREADY_EXISTS)
    .setMessage('WrongExpectedVersion')
    .setDetails(packed(details, 'event_store.client.WrongExpectedVersion'));
};

const badRequest = (message: string): Status =>
  new Status()
    .setCode(Code.INVALID_ARGUMENT)
    .setMessage('BadRequest')
    .setDetails(packed(new BadRequest().setMessage(message), 'event_store.client.BadRequest'));

const withExpected = (response: BatchAppendResp, expected: ExpectedRevision): BatchAppendResp => {
  switch (expected.kind) {
    case 'any':
      return response.setAny(new Empty());
    case 'no_stream':
      return response.setNoStream(new Empty());
    case 'stream_exists':
      return response.setStreamExists(new Empty());
    case 'exact':
      return response.setStreamPosition(expected.revision.toString(10));
  }
};
