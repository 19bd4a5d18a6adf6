import { status, type sendUnaryData, type ServerReadableStream } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { type AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EsdbLog, ExpectedRevision, ProposedEvent } from './esdb-log';
import { expectedOfAppend } from './expected-revision';
import { proposedEvent, streamNameOf } from './proto-messages';

/**
 * Streams.Append, the client-streaming RPC: one `options` message, then the proposed events,
 * then the client half-closes and the server answers once, success or wrong expected version.
 * The client uses it when the server does not advertise BatchAppend, or for calls with
 * per-call credentials.
 */
export const serveAppend = (log: EsdbLog, call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
  let streamName: string | undefined;
  let expected: ExpectedRevision | undefined;
  const events: ProposedEvent[] = [];
  let failed = false;
  const reject = (details: string): void => {
    if (failed) return;
    failed = true;
    callback({ code: status.INVALID_ARGUMENT, details });
  };
  call.on('data', (request: AppendReq) => {
    const options = request.getOptions();
    const proposed = request.getProposedMessage();
    if (options !== undefined) {
      if (streamName !== undefined) return reject('Append options sent twice.');
      streamName = streamNameOf(options.getStreamIdentifier());
      expected = expectedOfAppend(options);
      if (expected === undefined) reject('Append options carry no expected revision.');
    } else if (proposed !== undefined) {
      if (streamName === undefined) return reject('Append events sent before the options.');
      events.push(proposedEvent(proposed));
    }
  });
  call.on('end', () => {
    if (failed) return;
    if (streamName === undefined || expected === undefined) return reject('Append without options.');
    callback(null, appendResponse(log.append(streamName, expected, events), expected));
  });
};

const appendResponse = (outcome: AppendOutcome, expected: ExpectedRevision): AppendResp => {
  if (outcome.ok) {
    const success = new AppendResp.Success().setPosition(
      new AppendResp.Position()
        .setCommitPosition(outcome.position.commit.toString(10))
        .setPreparePosition(outcome.position.prepare.toString(10)),
    );
    if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString(10));
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString(10));
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new Empty());
      break;
    case 'exact':
      wrong.setExpectedRevision(expected.revision.toString(10));
      break;
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
};
