import { setTimeout as sleep } from 'node:timers/promises';
import { left, right, type Either } from 'fp-ts/Either';
import {
  GENESIS_HASH,
  noUpcast,
  retriesOnConflict,
  versionSatisfies,
  wrongExpectedVersion,
  type AppendError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Upcaster,
} from '@ccpor/domain';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { chainEvents } from '../hash-chain';
import { ConcurrencyLimit } from './concurrency-limit';
import type { EsdbEventStoreConfig } from './esdb-config';
import { revisionAt, versionOf } from './expected-revision';
import { comparePositions, fromGlobalPosition, toGlobalPosition } from './global-position';
import { isStoredMetadata, isSystemEvent, toEventData, toRecordedEvent } from './stored-event';

const DEFAULT_MAX_IN_FLIGHT = 64;
const DEFAULT_MAX_ATTEMPTS = 50;
/** Raw $all events fetched per round trip when the adapter has to skip system events itself. */
const ALL_PAGE = 256;

/**
 * Reads a whole (bounded) response. Every read runs to its end rather than being left early: a
 * read abandoned half-way keeps its gRPC call open until the client is disposed.
 */
const collect = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
};

interface StreamTail {
  readonly version: number;
  readonly hash: string;
}

type AppendAttempt = { readonly done: Either<AppendError, AppendResult> } | { readonly conflict: number };

/**
 * The EventStore port on EventStoreDB through `@eventstore/db-client`, over one long-lived
 * client (one gRPC channel; appends use the batch-append RPC when the server offers it).
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly upcast: Upcaster;
  private readonly appends: ConcurrencyLimit;
  private readonly maxAttempts: number;

  constructor(config: EsdbEventStoreConfig) {
    this.client = EventStoreDBClient.connectionString(config.connectionString);
    this.upcast = config.upcaster ?? noUpcast;
    this.appends = new ConcurrencyLimit(config.maxInFlightAppends ?? DEFAULT_MAX_IN_FLIGHT);
    this.maxAttempts = config.maxAppendAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** Opens the store and makes one round trip, so a wrong address fails here and not mid-request. */
  static async connect(config: EsdbEventStoreConfig): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(config);
    try {
      await store.headPosition();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<Either<AppendError, AppendResult>> {
    if (events.length === 0) return left({ code: 'EMPTY_APPEND', streamId });
    return this.appends.run(async () => {
      let actual = 0;
      for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
        const outcome = await this.tryAppend(streamId, events, expected);
        if ('done' in outcome) return outcome.done;
        actual = outcome.conflict;
        // Back off a little, at random, so racing writers stop colliding in lockstep.
        await sleep(Math.random() * Math.min(2 ** attempt, 16));
      }
      return left(wrongExpectedVersion(streamId, expected, actual));
    });
  }

  /**
   * One attempt: read the tail (for the hash chain), check the expectation, then append at
   * exactly that revision so that a concurrent writer makes the server refuse. The hashes are
   * computed here, not on the server, because EventStoreDB has no stored procedures; the exact
   * expected revision makes sure the chain was built on the real tail.
   */
  private async tryAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendAttempt> {
    const tail = await this.readTail(streamId);
    const current = tail?.version ?? 0;
    if (!versionSatisfies(expected, current)) return { done: left(wrongExpectedVersion(streamId, expected, current)) };
    const chained = chainEvents(streamId, current, tail?.hash ?? GENESIS_HASH, events);
    try {
      const result = await this.client.appendToStream(streamId, chained.map(toEventData), { expectedRevision: revisionAt(current) });
      const nextVersion = current + events.length;
      return { done: right({ nextVersion, lastPosition: await this.positionOfAppended(streamId, nextVersion, events.length, result.position) }) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const actual = versionOf(error.actualVersion);
      if (retriesOnConflict(expected)) return { conflict: actual };
      return { done: left(wrongExpectedVersion(streamId, expected, actual)) };
    }
  }

  /**
   * The server answers an append with the position of its commit, which is the position of the
   * append's first event. For one event that is the answer; for several, read the last one back.
   */
  private async positionOfAppended(streamId: string, nextVersion: number, count: number, reported: Position | undefined): Promise<GlobalPosition> {
    if (count === 1 && reported !== undefined) return toGlobalPosition(reported);
    const [last] = await collect(this.client.readStream(streamId, { fromRevision: BigInt(nextVersion - 1), maxCount: 1 }));
    if (last?.event?.position) return toGlobalPosition(last.event.position);
    throw new Error(`Event ${nextVersion} of ${streamId} was appended but cannot be read back`);
  }

  private async readTail(streamId: string): Promise<StreamTail | undefined> {
    let last: ResolvedEvent | undefined;
    try {
      [last] = await collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const event = last?.event;
    if (event === undefined) return undefined;
    if (!isStoredMetadata(event.metadata)) throw new Error(`The last event of ${streamId} was not written by the registry`);
    return { version: Number(event.revision) + 1, hash: event.metadata.hash };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    const backward = options.direction === 'backward';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    if (backward && options.fromVersion !== undefined && options.fromVersion < 1) return [];
    const fromRevision = backward
      ? options.fromVersion === undefined
        ? END
        : BigInt(options.fromVersion - 1)
      : BigInt(Math.max(options.fromVersion ?? 1, 1) - 1);
    let read: ResolvedEvent[];
    try {
      read = await collect(this.client.readStream(streamId, { direction: backward ? BACKWARDS : FORWARDS, fromRevision, maxCount }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return read.map((resolved) => {
      const recorded = resolved.event === undefined ? undefined : toRecordedEvent(resolved.event, this.upcast);
      if (recorded === undefined) throw new Error(`Stream ${streamId} holds an event the registry did not write`);
      return recorded;
    });
  }

  /**
   * `streamPrefixes` are applied here, page by page: the server can filter $all by stream-name
   * prefix, but the client's `readAll` (6.2) sends no filter (only `subscribeToAll` takes one), so
   * every event after `after` still crosses the wire until `maxCount` of the chosen streams are in.
   */
  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    if (options.maxCount <= 0) return [];
    const prefixes = options.streamPrefixes;
    const chosen = (streamId: string): boolean => prefixes === undefined || prefixes.some((prefix) => streamId.startsWith(prefix));
    const out: RecordedEvent[] = [];
    // A forward read of $all includes the event at its start position; the port's `after` does not.
    let after: Position | undefined = options.after === undefined ? undefined : fromGlobalPosition(options.after);
    for (;;) {
      const page = await collect(this.client.readAll({ fromPosition: after ?? START, maxCount: ALL_PAGE }));
      for (const resolved of page) {
        const event = resolved.event;
        if (event === undefined) continue;
        if (after !== undefined && comparePositions(event.position, after) <= 0) continue;
        after = event.position;
        const recorded = this.ownEvent(resolved);
        if (recorded === undefined || !chosen(recorded.streamId)) continue;
        out.push(recorded);
        if (out.length === options.maxCount) return out;
      }
      if (page.length < ALL_PAGE) return out;
    }
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    const signal = options.signal;
    if (signal?.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after === undefined ? START : fromGlobalPosition(options.after),
      filter: excludeSystemEvents(),
    });
    const events: AsyncIterator<AllStreamResolvedEvent> = subscription[Symbol.asyncIterator]();
    let unsubscribed: Promise<void> | undefined;
    const unsubscribe = (): Promise<void> => (unsubscribed ??= subscription.unsubscribe());
    signal?.addEventListener('abort', unsubscribe, { once: true });
    let ended = false;
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) {
          ended = true;
          return;
        }
        // After an abort the readable still delivers what was in flight; drop it.
        if (signal?.aborted) continue;
        const recorded = this.ownEvent(next.value);
        if (recorded !== undefined) yield recorded;
      }
    } finally {
      signal?.removeEventListener('abort', unsubscribe);
      if (!ended) await this.drain(unsubscribe(), events);
    }
  }

  /**
   * Ends a subscription the consumer left early. Destroying the readable instead would leave the
   * cancelled gRPC call paused with unread data; it would never finish and `close()` would wait
   * for it forever. Cancelling and reading to the end lets it finish.
   */
  private async drain(cancelled: Promise<void>, events: AsyncIterator<AllStreamResolvedEvent>): Promise<void> {
    await cancelled;
    try {
      while (!(await events.next()).done) {
        // discard
      }
    } catch {
      // The call may end with an error once cancelled; the consumer has already gone.
    }
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    // The last event of $all may be a system event (statistics, scavenges): walk back past them.
    let before: Position | typeof END = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ fromPosition: before, direction: BACKWARDS, maxCount: ALL_PAGE }));
      for (const resolved of page) {
        const event = resolved.event;
        if (event === undefined) continue;
        before = event.position;
        if (this.ownEvent(resolved) !== undefined) return toGlobalPosition(event.position);
      }
      if (page.length < ALL_PAGE) return undefined;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
    // dispose() ends the open calls but leaves the channel (and its keep-alive) running.
    const channel = await this.client['getChannel']();
    channel.close();
  }

  private ownEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (event === undefined || isSystemEvent(event)) return undefined;
    return toRecordedEvent(event, this.upcast);
  }
}
