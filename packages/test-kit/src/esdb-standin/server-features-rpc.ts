import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** The server version the stand-in claims; the client only logs it. */
export const STAND_IN_SERVER_VERSION = '23.10.0';

const STREAMS_SERVICE = 'event_store.client.streams.streams';

/**
 * ServerFeatures.GetSupportedMethods: the client asks this once per connection and picks its
 * append path from the answer (BatchAppend only when listed). Names are lower-case, as the
 * server sends them. Read advertises the same features a real node does.
 */
export const serveGetSupportedMethods =
  (advertiseBatchAppend: boolean) =>
  (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
  const method = (name: string, features: string[] = []): SupportedMethod =>
    new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name).setFeaturesList(features);
  callback(
    null,
    new SupportedMethods()
      .setEventStoreServerVersion(STAND_IN_SERVER_VERSION)
      .setMethodsList([
        method('read', ['position', 'events']),
        method('append'),
        ...(advertiseBatchAppend ? [method('batchappend')] : []),
      ]),
  );
};
