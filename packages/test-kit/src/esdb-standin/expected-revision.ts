import { AppendReq, BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedRevision } from './esdb-log';

/** Decodes the expected-revision oneof, which the two append RPCs spell differently. */

export const expectedOfAppend = (options: AppendReq.Options): ExpectedRevision | undefined => {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'exact', revision: BigInt(options.getRevision()) };
    default:
      return undefined;
  }
};

export const expectedOfBatchAppend = (options: BatchAppendReq.Options): ExpectedRevision | undefined => {
  const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.STREAM_POSITION:
      return { kind: 'exact', revision: BigInt(options.getStreamPosition()) };
    default:
      return undefined;
  }
};
