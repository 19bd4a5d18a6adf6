/**
 * The stand-in's storage: one append-only log in memory, shaped like EventStoreDB's transaction
 * file. Every record has a byte-offset log position (so positions are sparse and grow by the
 * record's size, as on a real node), and the events of one append share a commit position (the
 * position of the append's first event) while each keeps its own prepare position. A single-event
 * append therefore has commit = prepare; a multi-event append does not, which is what a real
 * server does and what a client must cope with.
 */

export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  readonly streamName: string;
  /** 0-based event number within the stream. */
  readonly revision: bigint;
  readonly position: LogPosition;
  /** .NET ticks (100 ns since the Unix epoch), as the server reports `created`. */
  readonly createdTicks: bigint;
}

/** What the client may ask for: the gRPC expected-revision options. */
export type ExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'exact'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: bigint; readonly position: LogPosition }
  /** currentRevision is undefined when the stream does not exist. */
  | { readonly ok: false; readonly currentRevision: bigint | undefined };

/** Lower positions are taken by the server's own start-up records on a real node. */
const FIRST_LOG_POSITION = 4_096n;
/** Fixed per-record overhead in bytes, roughly what a prepare record's header costs. */
const RECORD_OVERHEAD = 92n;
const TICKS_PER_MS = 10_000n;

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

export class EsdbLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<() => void>();
  private nextLogPosition = FIRST_LOG_POSITION;

  get length(): number {
    return this.records.length;
  }

  at(index: number): LogRecord | undefined {
    return this.records[index];
  }

  stream(streamName: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamName);
  }

  /**
   * Checks the expected revision and writes all events or none, in one synchronous step:
   * nothing else can run on the event loop in between, which is this store's whole
   * concurrency control.
   */
  append(streamName: string, expected: ExpectedRevision, events: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(streamName);
    const current = existing && existing.length > 0 ? BigInt(existing.length - 1) : undefined;
    if (!expectationHolds(expected, current)) return { ok: false, currentRevision: current };
    if (events.length === 0) {
      // A real node accepts an empty write and reports the stream as it is.
      return { ok: true, currentRevision: current ?? -1n, position: this.headPosition() ?? { commit: 0n, prepare: 0n } };
    }
    const stream = existing ?? [];
    const commit = this.nextLogPosition;
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MS;
    for (const event of events) {
      const prepare = this.nextLogPosition;
      const record: LogRecord = {
        ...event,
        streamName,
        revision: BigInt(stream.length),
        position: { commit, prepare },
        createdTicks,
      };
      this.nextLogPosition += recordSize(record);
      stream.push(record);
      this.records.push(record);
    }
    this.streams.set(streamName, stream);
    for (const listener of [...this.listeners]) listener();
    // As a real node does, the reply carries the commit position for both halves.
    return { ok: true, currentRevision: BigInt(stream.length - 1), position: { commit, prepare: commit } };
  }

  headPosition(): LogPosition | undefined {
    return this.records[this.records.length - 1]?.position;
  }

  /** Index of the first record at or after `position` (records.length when none). */
  indexAtOrAfter(position: LogPosition): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const record = this.records[mid] as LogRecord;
      if (comparePositions(record.position, position) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Calls `listener` after every successful append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const expectationHolds = (expected: ExpectedRevision, current: bigint | undefined): boolean => {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'exact':
      return current === expected.revision;
  }
};

const recordSize = (record: LogRecord): bigint =>
  RECORD_OVERHEAD +
  BigInt(Buffer.byteLength(record.streamName, 'utf8') + Buffer.byteLength(record.type, 'utf8')) +
  BigInt(record.data.length + record.customMetadata.length);
