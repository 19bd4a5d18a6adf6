import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { serveAppend } from './append-rpc';
import { serveBatchAppend } from './batch-append-rpc';
import { EsdbLog } from './esdb-log';
import { serveRead } from './read-rpc';
import { serveGetSupportedMethods } from './server-features-rpc';

export interface EsdbStandInOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /**
   * Advertise BatchAppend in ServerFeatures (default true). With false the client falls back to
   * the older client-streaming Append RPC, so both append paths can be tested.
   */
  readonly batchAppend?: boolean;
  /**
   * Write a few system events at start-up (default true), as a real node does, so that code
   * reading $all has to skip them.
   */
  readonly systemEvents?: boolean;
}

export interface EsdbStandIn {
  /** For `EventStoreDBClient.connectionString`. */
  readonly connectionString: string;
  readonly port: number;
  /** Ends open subscriptions and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts an in-process EventStoreDB-compatible gRPC server on the client package's own
 * generated service definitions. It keeps everything in memory and serves what the registry's
 * adapter uses: ServerFeatures, Streams.Read (stream, $all, $all subscriptions),
 * Streams.Append and Streams.BatchAppend. See ADR 0021 for what it leaves out.
 */
export const startEsdbStandIn = async (options: EsdbStandInOptions = {}): Promise<EsdbStandIn> => {
  const log = new EsdbLog();
  if (options.systemEvents ?? true) writeSystemEvents(log);
  const open = new Set<() => void>();
  const track = (stop: () => void): (() => void) => {
    open.add(stop);
    return () => open.delete(stop);
  };
  const notServed = (name: string) => (_call: unknown, callback?: (error: { code: number; details: string }) => void) =>
    callback?.({ code: status.UNIMPLEMENTED, details: `The EventStoreDB stand-in does not serve Streams.${name}.` });

  const streams: IStreamsServer = {
    read: (call) => serveRead(log, call, track),
    append: (call, callback) => serveAppend(log, call, callback),
    batchAppend: (call) => serveBatchAppend(log, call, track),
    delete: notServed('Delete'),
    tombstone: notServed('Tombstone'),
  };
  const server = new Server();
  server.addService(StreamsService, streams);
  server.addService(ServerFeaturesService, {
    getSupportedMethods: serveGetSupportedMethods(options.batchAppend ?? true),
  } satisfies UntypedServiceImplementation);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  let closed: Promise<void> | undefined;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        // Subscriptions never end on their own; end them so a graceful shutdown can finish.
        for (const stop of [...open]) stop();
        const force = setTimeout(() => server.forceShutdown(), 1_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return closed;
    },
  };
};

/** The kind of records a fresh node writes before any client does. */
const writeSystemEvents = (log: EsdbLog): void => {
  const json = (value: unknown): Uint8Array => Uint8Array.from(Buffer.from(JSON.stringify(value), 'utf8'));
  const systemEvent = (type: string, data: unknown) => ({
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: json(data),
    customMetadata: new Uint8Array(),
  });
  log.append('$scavenges', { kind: 'any' }, [systemEvent('$scavengeIndexInitialized', {})]);
  log.append('$users', { kind: 'any' }, [systemEvent('$User', { loginName: 'admin' })]);
  log.append('$stats-127.0.0.1:2113', { kind: 'any' }, [systemEvent('$statsCollected', { 'proc-cpu': 0 })]);
};
