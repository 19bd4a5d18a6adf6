import {
  decode,
  defaultDictionary,
  encode,
  encodeFrame,
  FrameDecoder,
  messageIdFromSequence,
  messageKeysFor,
  type Dictionary,
  type Layout,
  type Message,
} from '@ccpor/carpos-protocol';
import { californiaLocalDate } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { type Exchange } from './exchange';
import { type FaultPlan, type ResponseFault } from './fault-plan';
import { FaultState } from './fault-state';
import { handleRequest, type HandlerContext, type Outcome, rejectDecodeErrors, rejectMessage } from './handle-request';
import { IdentifierAuthority } from './identifiers';
import { type DojRecord, DojRecordStore } from './record-store';
import { seedRecords, type SeedProblem } from './seed-records';

export interface DojSimulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Faults for every connection that has no plan of its own. */
  readonly faults?: FaultPlan;
  readonly dictionary?: Dictionary;
  readonly layout?: Layout;
  /** FCN prefixes by ORI; other ORIs get a prefix derived from the ORI (see identifiers.ts). */
  readonly agencyPrefixes?: Readonly<Record<string, string>>;
  /** ORI a reject is addressed to when the request's ORI could not be read. */
  readonly ori?: string;
  /** Called with every exchange as it is recorded (the command line logs them). */
  readonly onExchange?: (exchange: Exchange) => void;
  /** DOJ's clock: entry and update dates, and which records have expired (default: the system clock). */
  readonly now?: () => Date;
  /** Hits per answer page when a query names no page size (default 25), and the most it honours (default 100, at most 999). */
  readonly pageSize?: number;
  readonly maxPageSize?: number;
  /** Records on file before the first connection (see `seed`). */
  readonly seed?: readonly unknown[];
}

export interface DojSimulator {
  readonly port: number;
  readonly host: string;
  /** Everything that happened, in order. */
  readonly exchanges: readonly Exchange[];
  readonly records: DojRecordStore;
  /**
   * Adds records DOJ holds that no agency sent through this link (seed-records.ts gives the
   * format): all of them, or none and every problem with its record's index.
   */
  seed(records: readonly unknown[]): E.Either<SeedProblem[], DojRecord[]>;
  /** DOJ's calendar day, CCYYMMDD (California). */
  today(): string;
  /** Replaces the global plan, or the plan of one connection (numbered from 1 in accept order). */
  setFaults(plan: FaultPlan | undefined, connection?: number): void;
  /** Resolves once `predicate` holds for the exchanges, or rejects after `timeoutMs`. */
  waitFor(predicate: (exchanges: readonly Exchange[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Connection {
  readonly id: number;
  readonly socket: Socket;
  readonly frames: FrameDecoder;
  /** ORIs this connection has sent valid requests from; notifications go to them. */
  readonly oris: Set<string>;
  held: { readonly bytes: Uint8Array; readonly timer: NodeJS.Timeout } | undefined;
  closed: boolean;
}

const requiredRoles = ['acknowledgement', 'reject', 'hit', 'no-hit', 'notification'] as const;

/** Starts a simulated DOJ/CLETS endpoint on a TCP port. */
export const startDojSimulator = async (options: DojSimulatorOptions = {}): Promise<DojSimulator> => {
  const dictionary = options.dictionary ?? defaultDictionary;
  const missing = requiredRoles.filter((role) => messageKeysFor(dictionary, role).length === 0);
  if (missing.length > 0) throw new Error(`dictionary ${dictionary.id} has no message for ${missing.join(', ')}`);

  const layout = options.layout ?? 'keyword';
  const now = options.now ?? (() => new Date());
  const today = (): string => californiaLocalDate(now().toISOString()).replaceAll('-', '');
  const maxPageSize = Math.max(1, Math.min(options.maxPageSize ?? 100, 999));
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 25, maxPageSize));
  const fallbackOri = options.ori ?? 'CADOJ0000';
  const exchanges: Exchange[] = [];
  const store = new DojRecordStore();
  const ids = new IdentifierAuthority(options.agencyPrefixes);
  if (options.seed !== undefined) {
    const seeded = seedRecords(options.seed, store, ids, dictionary, today());
    if (E.isLeft(seeded)) throw new Error(`seed records refused:\n${seeded.left.map((p) => `  record ${p.index}: ${p.message}`).join('\n')}`);
  }
  const connections = new Map<number, Connection>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let globalFaults = new FaultState(options.faults ?? {});
  const connectionFaults = new Map<number, FaultState>();
  let connectionCount = 0;
  let frameSequence = 0;

  const record = (exchange: Exchange): void => {
    exchanges.push(exchange);
    options.onExchange?.(exchange);
    for (const wake of [...waiters]) wake();
  };
  const faultsFor = (connection: number): FaultState => connectionFaults.get(connection) ?? globalFaults;
  const later = (ms: number, run: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return timer;
  };

  const write = (connection: Connection, bytes: Uint8Array): void => {
    if (connection.closed) return;
    connection.socket.write(bytes);
    const held = connection.held;
    if (held !== undefined) {
      // A reordered frame goes out right after the one that overtook it.
      clearTimeout(held.timer);
      timers.delete(held.timer);
      connection.held = undefined;
      connection.socket.write(held.bytes);
    }
  };

  const send = (connection: Connection, message: Message, inReplyTo: string | undefined): void => {
    const at = Date.now();
    const payload = encode(message, dictionary, { layout });
    if (E.isLeft(payload)) {
      record({ kind: 'error', at, connection: connection.id, message: `response did not encode: ${payload.left.map((e) => e.message).join('; ')}` });
      return;
    }
    frameSequence += 1;
    const messageId = messageIdFromSequence(frameSequence);
    const frame = encodeFrame({ messageId, payload: payload.right });
    if (E.isLeft(frame)) {
      record({ kind: 'error', at, connection: connection.id, message: `response did not frame: ${frame.left.message}` });
      return;
    }
    const decision = faultsFor(connection.id).decideResponse(frame.right.length);
    const has = (fault: ResponseFault): boolean => decision.faults.includes(fault);
    const delivered = !has('close') && !has('drop') && !connection.closed;
    record({ kind: 'sent', at, connection: connection.id, messageId, payload: payload.right, message, faults: decision.faults, delivered, ...(inReplyTo === undefined ? {} : { inReplyTo }) });
    if (has('close')) {
      closeConnection(connection, 'closed-by-fault');
      return;
    }
    if (!delivered) return;
    const bytes = frame.right.slice();
    if (has('garble')) bytes[decision.garbleAt] = (bytes[decision.garbleAt] ?? 0) ^ decision.garbleMask;
    const go = (): void => {
      if (has('reorder') && connection.held === undefined && !connection.closed) {
        const timer = later(decision.holdMs, () => {
          if (connection.held?.timer !== timer) return;
          connection.held = undefined;
          if (!connection.closed) connection.socket.write(bytes);
        });
        connection.held = { bytes, timer };
        return;
      }
      write(connection, bytes);
      if (has('duplicate')) write(connection, bytes);
    };
    if (has('delay') && decision.delayMs > 0) later(decision.delayMs, go);
    else go();
  };

  const deliver = (outcome: Outcome, connection: Connection, inReplyTo: string): void => {
    for (const response of outcome.responses) send(connection, response, inReplyTo);
    for (const notice of outcome.notifications) {
      for (const target of connections.values()) if (target.oris.has(notice.ori)) send(target, notice.message, undefined);
    }
  };

  const onFrame = (connection: Connection, messageId: string, payload: string): void => {
    const at = Date.now();
    const decoded = decode(payload, dictionary, { layout });
    // A request whose ORI cannot be read is answered to the ORI the connection last used.
    const replyOri = [...connection.oris].pop() ?? fallbackOri;
    const context: HandlerContext = { dictionary, store, ids, requestId: messageId, fallbackOri, today: today(), pageSize, maxPageSize };
    if (E.isLeft(decoded)) {
      record({ kind: 'received', at, connection: connection.id, messageId, payload, errors: decoded.left });
      deliver(rejectDecodeErrors(context, replyOri, decoded.left), connection, messageId);
      return;
    }
    const message = decoded.right;
    record({ kind: 'received', at, connection: connection.id, messageId, payload, message });
    connection.oris.add(message.ori);
    if (dictionary.messages[message.key]?.direction !== 'to-doj') {
      deliver({ responses: [rejectMessage(context, message.ori, 'MKE', `${message.key} IS NOT ACCEPTED FROM AN AGENCY`, 'MKE')], notifications: [] }, connection, messageId);
      return;
    }
    deliver(handleRequest(context, message), connection, messageId);
  };

  const closeConnection = (connection: Connection, event: 'closed' | 'closed-by-fault'): void => {
    if (connection.closed) return;
    connection.closed = true;
    if (connection.held !== undefined) clearTimeout(connection.held.timer);
    connection.socket.destroy();
    connections.delete(connection.id);
    record({ kind: 'connection', at: Date.now(), connection: connection.id, event });
  };

  const server: Server = createServer((socket) => {
    connectionCount += 1;
    const id = connectionCount;
    if (faultsFor(id).refuseConnection()) {
      socket.destroy();
      record({ kind: 'connection', at: Date.now(), connection: id, event: 'refused' });
      return;
    }
    const connection: Connection = { id, socket, frames: new FrameDecoder(), oris: new Set(), held: undefined, closed: false };
    connections.set(id, connection);
    record({ kind: 'connection', at: Date.now(), connection: id, event: 'opened' });
    socket.on('data', (chunk: Buffer) => {
      for (const event of connection.frames.push(chunk)) {
        if (connection.closed) return;
        if (event.kind === 'skipped') record({ kind: 'skipped', at: Date.now(), connection: id, length: event.length, reasons: event.reasons });
        else onFrame(connection, event.messageId, event.payload);
      }
    });
    socket.on('error', () => closeConnection(connection, 'closed'));
    socket.on('close', () => closeConnection(connection, 'closed'));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    host,
    exchanges,
    records: store,
    seed: (records) => seedRecords(records, store, ids, dictionary, today()),
    today,
    setFaults: (plan, connection) => {
      if (connection === undefined) globalFaults = new FaultState(plan ?? {});
      else if (plan === undefined) connectionFaults.delete(connection);
      else connectionFaults.set(connection, new FaultState(plan));
    },
    waitFor: (predicate, timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        if (predicate(exchanges)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the simulator did not reach the expected state within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = (): void => {
          if (!predicate(exchanges)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const connection of [...connections.values()]) closeConnection(connection, 'closed');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
