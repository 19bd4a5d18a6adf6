import { left, right, type Either } from 'fp-ts/Either';
import {
  GENESIS_HASH,
  noUpcast,
  versionSatisfies,
  wrongExpectedVersion,
  type AppendError,
  type AppendResult,
  type EventMetadata,
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
import { chainEvents } from '../hash-chain';
import { InMemoryEventLog, type StoredRecord } from './in-memory-event-log';

export interface InMemoryEventStoreOptions {
  readonly upcaster?: Upcaster;
  /** Storage to use; pass the same log to several stores to share it. Defaults to a new, empty log. */
  readonly log?: InMemoryEventLog;
}

const SUBSCRIPTION_PAGE = 500;

/** Positions are 1-based counters rendered as fixed-width strings; index = counter - 1. */
const indexAfter = (position: GlobalPosition | undefined): number => (position === undefined ? 0 : Number(position));

/**
 * A complete, in-process EventStore: every expected version enforced, atomic batches, the hash
 * chain, upcasting on read and catch-up subscriptions. For tests, demos and vendors' examples;
 * nothing survives the process.
 */
export class InMemoryEventStore implements EventStore {
  private readonly upcaster: Upcaster;
  private readonly log: InMemoryEventLog;
  private closed = false;
  /** Aborted by close(), so waiting subscriptions end with the store. */
  private readonly closing = new AbortController();

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.upcaster = options.upcaster ?? noUpcast;
    this.log = options.log ?? new InMemoryEventLog();
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<Either<AppendError, AppendResult>> {
    this.assertOpen();
    // Yield first, as a real store would, so callers' concurrency is exercised; from here on
    // the check and the commit run in one synchronous block, which is what makes them atomic.
    await Promise.resolve();
    if (events.length === 0) return left({ code: 'EMPTY_APPEND', streamId });
    const stream = this.log.stream(streamId);
    const actual = stream.length;
    if (!versionSatisfies(expected, actual)) return left(wrongExpectedVersion(streamId, expected, actual));
    const previousHash = stream[actual - 1] === undefined ? GENESIS_HASH : (JSON.parse(stream[actual - 1]!.metadataJson) as EventMetadata).hash;
    // Round-trip through JSON first so the hash covers exactly what a reader will get back.
    const normalised: NewEvent[] = events.map((event) => ({
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(JSON.stringify(event.data ?? null)) as unknown,
      metadata: JSON.parse(JSON.stringify(event.metadata)) as NewEvent['metadata'],
    }));
    const records = chainEvents(streamId, actual, previousHash, normalised).map(({ event, streamVersion, metadata }) => ({
      streamId,
      streamVersion,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson: JSON.stringify(event.data),
      metadataJson: JSON.stringify(metadata),
    }));
    const stored = this.log.commit(streamId, records);
    const last = stored[stored.length - 1]!;
    return right({ nextVersion: last.streamVersion, lastPosition: last.position });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const stream = this.log.stream(streamId);
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (options.direction === 'backward') {
      const from = Math.min(options.fromVersion ?? stream.length, stream.length);
      const start = Math.max(0, from - max);
      return stream.slice(start, from).reverse().map((r) => this.toRecorded(r));
    }
    const from = Math.max(1, options.fromVersion ?? 1);
    return stream.slice(from - 1, Number.isFinite(max) ? from - 1 + max : undefined).map((r) => this.toRecorded(r));
  }

  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const prefixes = options.streamPrefixes;
    const records =
      prefixes === undefined
        ? this.log.slice(indexAfter(options.after), options.maxCount)
        : this.log.sliceOfStreams(indexAfter(options.after), options.maxCount, (streamId) => prefixes.some((prefix) => streamId.startsWith(prefix)));
    return records.map((r) => this.toRecorded(r));
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    let next = indexAfter(options.after);
    while (!signal.aborted) {
      const page = this.log.slice(next, SUBSCRIPTION_PAGE);
      if (page.length === 0) {
        await this.log.nextCommit(signal);
        continue;
      }
      for (const record of page) {
        if (signal.aborted) return;
        yield this.toRecorded(record);
        next++;
      }
    }
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    this.assertOpen();
    return this.log.slice(this.log.length - 1, 1)[0]?.position;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
  }

  private toRecorded(record: StoredRecord): RecordedEvent {
    const upcast = this.upcaster({ type: record.type, schemaVersion: record.schemaVersion, data: JSON.parse(record.dataJson) as unknown });
    return {
      streamId: record.streamId,
      streamVersion: record.streamVersion,
      globalPosition: record.position,
      type: upcast.type,
      schemaVersion: upcast.schemaVersion,
      data: upcast.data,
      metadata: JSON.parse(record.metadataJson) as EventMetadata,
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}
