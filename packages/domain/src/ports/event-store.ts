import type { Either } from 'fp-ts/Either';

/**
 * The event-store port. Conventions (ADR 0003):
 * - one stream per order, `order-<uuid>`;
 * - stream version = number of events in the stream; 0 = no stream;
 *   the n-th event of a stream (1-based) carries `streamVersion = n`;
 * - every adapter enforces every ExpectedVersion for real, under concurrency;
 * - GlobalPosition is an opaque string whose lexicographic order is the order of the
 *   global log, gap-free: a reader that checkpoints never skips a concurrently committed event.
 */
export type ExpectedVersion =
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly version: number };

export const expectNoStream: ExpectedVersion = { kind: 'no_stream' };
export const expectExists: ExpectedVersion = { kind: 'exists' };
export const expectAny: ExpectedVersion = { kind: 'any' };
export const expectExact = (version: number): ExpectedVersion =>
  version === 0 ? expectNoStream : { kind: 'exact', version };

export type GlobalPosition = string & { readonly GlobalPosition: unique symbol };

/** Who did it and on whose behalf; recorded with every event and every access decision. */
export interface Actor {
  readonly userId: string;
  readonly agencyOri: string;
  readonly roles: readonly string[];
  /** 'user' for people, 'api-key' for CMS integrations, 'system' for the registry itself. */
  readonly kind: 'user' | 'api-key' | 'system';
}

export interface EventMetadataInput {
  readonly eventId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly recordedAt: string;
  /** Free-form extras (e.g. an import's source record id); must be JSON. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Metadata as stored: the input plus the per-stream hash chain. */
export interface EventMetadata extends EventMetadataInput {
  /** sha256 (hex) of the previous event in the stream, or 64 zeros for the first. */
  readonly previousHash: string;
  /** sha256 (hex) of `eventHashInput(previousHash, eventHashBody(event))`. */
  readonly hash: string;
}

export interface NewEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadataInput;
}

export interface RecordedEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: GlobalPosition;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface AppendResult {
  /** The stream's version after the append (its event count). */
  readonly nextVersion: number;
  /** Global position of the last appended event. */
  readonly lastPosition: GlobalPosition;
}

export type AppendError =
  | {
      readonly code: 'WRONG_EXPECTED_VERSION';
      readonly streamId: string;
      readonly expected: ExpectedVersion;
      /** The actual version when known (0 = no stream). */
      readonly actual: number | null;
    }
  | { readonly code: 'EMPTY_APPEND'; readonly streamId: string };

export interface ReadStreamOptions {
  readonly direction?: 'forward' | 'backward';
  /** Inclusive version to start from: forward defaults to 1, backward to the last event. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: read events after this position; omit to start at the beginning. */
  readonly after?: GlobalPosition;
  /** At most this many events (of the chosen streams, when `streamPrefixes` is given). */
  readonly maxCount: number;
  /**
   * Only the events of streams whose id starts with one of these prefixes (`['agency-', 'user-']`),
   * still in log order; omit to read every stream, and `[]` reads none. Lets a reader that needs a
   * few streams out of millions of events (the identity view at start) leave the others unread
   * where the store can skip them (the SQL stores do, in the database).
   */
  readonly streamPrefixes?: readonly string[];
}

export interface SubscribeOptions {
  readonly after?: GlobalPosition;
  readonly signal?: AbortSignal;
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<Either<AppendError, AppendResult>>;
  /** Events of one stream, upcast to their current schema; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  /** The global log, in order, after a position; of some streams only when `streamPrefixes` says so. */
  readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  /** Catch-up subscription: history after `after`, then live events, until the signal aborts. */
  subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Current head of the global log (undefined when the log is empty). */
  headPosition(): Promise<GlobalPosition | undefined>;
  close(): Promise<void>;
}

/**
 * The canonical body of an event for the hash chain: everything that identifies the event
 * except the previous hash. `hash = sha256(previousHash + "\n" + body)` (UTF-8, hex), so a SQL
 * store can chain several events of one append with its built-in sha256().
 */
export const eventHashBody = (e: {
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadataInput;
}): string =>
  canonicalJson({
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: {
      eventId: e.metadata.eventId,
      actor: e.metadata.actor,
      correlationId: e.metadata.correlationId,
      causationId: e.metadata.causationId ?? null,
      recordedAt: e.metadata.recordedAt,
      extra: e.metadata.extra ?? null,
    },
  });

/** The exact text whose sha256 is an event's hash. */
export const eventHashInput = (previousHash: string, body: string): string => `${previousHash}\n${body}`;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same value always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

/** Upcasting: pure functions lift an old event schema to the current one on read. */
export interface StoredEventShape {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}
export type Upcaster = (event: StoredEventShape) => StoredEventShape;
export const noUpcast: Upcaster = (e) => e;
