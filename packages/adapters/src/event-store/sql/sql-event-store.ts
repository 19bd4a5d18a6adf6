import { left, right, type Either } from 'fp-ts/Either';
import {
  GENESIS_HASH,
  noUpcast,
  retriesOnConflict,
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
import { linkHash } from '../hash-chain';
import { appendBulkSql, appendOneSql, appendSql, STREAM_VERSION_CONSTRAINT, streamHeadSql, streamVersionSql } from './append.sql';
import { appendGroupSql, type AppendGroupRow } from './append-group.sql';
import { AppendGrouper, type GroupRequest } from './append-grouper';
import { decodePosition, encodePosition, LOG_START } from './global-position';
import { hashBodyTemplate } from './hash-body-template';
import { headPositionSql, readAllByStreamPrefixSql, readAllSql, readStreamBackwardSql, readStreamForwardSql, type EventRow, type HeadRow } from './read.sql';
import { inSchema } from '../../sql/schema-name';
import { isPostgresError, type SqlDatabase } from '../../sql/sql-database';
import type { SqlHome } from '../../sql/sql-home';
import type { Wakeup } from './wakeup';

export interface SqlEventStoreSettings {
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly upcaster?: Upcaster;
  /** Signalled after each local append, and by whatever else learns of new events (NOTIFY). */
  readonly wakeup: Wakeup;
  /** Longest a live subscription waits before looking again without a wake-up. */
  readonly pollIntervalMs: number;
  /** Events fetched per query by subscriptions. */
  readonly subscriptionPageSize?: number;
  /**
   * Group concurrent single-event appends (append-grouper.ts): at most `maxInFlight` groups
   * run at once, each of at most `maxGroup` appends. Omit to send every append on its own.
   */
  readonly grouping?: { readonly maxInFlight: number; readonly maxGroup: number };
  /** Called after every successful append (e.g. to NOTIFY other processes). */
  readonly afterAppend?: () => void;
  /** Called when a subscription starts (e.g. to LISTEN); subscriptions poll until it resolves. */
  readonly beforeSubscribe?: () => Promise<void>;
  /** Releases what the store owns (pool, listener, database). */
  readonly release: () => Promise<void>;
}

interface AppendRow extends Record<string, unknown> {
  readonly actual: number;
  readonly next_version: number | null;
  readonly txid_text: string | null;
  readonly position_text: string | null;
}

/** Batches above this size take the bulk path (appendBulkSql); smaller ones one statement. */
const BULK_THRESHOLD = 32;

type AppendOutcome = AppendResult | { readonly actual: number };
/** 'raced': a concurrent writer took the version between our read of the head and our insert. */
type OneOutcome = AppendOutcome | 'raced';

interface OneRequest extends GroupRequest<OneOutcome> {
  readonly kind: string;
  readonly exactVersion: number | null;
  readonly event: PreparedEvents;
}

/** An append's events as the SQL statements take them: parallel arrays. */
interface PreparedEvents {
  readonly types: string[];
  readonly schemaVersions: number[];
  readonly data: string[];
  readonly metadata: string[];
  /** Hash body around the stream version (hash-body-template.ts). */
  readonly prefixes: string[];
  readonly suffixes: string[];
}

const prepareEvents = (streamId: string, events: readonly NewEvent[]): PreparedEvents => {
  const p: PreparedEvents = { types: [], schemaVersions: [], data: [], metadata: [], prefixes: [], suffixes: [] };
  for (const event of events) {
    // Normalise through JSON first: the hash must cover exactly what a reader gets back.
    const dataJson = JSON.stringify(event.data ?? null);
    const metadataJson = JSON.stringify(event.metadata);
    const template = hashBodyTemplate({
      streamId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(dataJson) as unknown,
      metadata: JSON.parse(metadataJson) as NewEvent['metadata'],
    });
    p.types.push(event.type);
    p.schemaVersions.push(event.schemaVersion);
    p.data.push(dataJson);
    p.metadata.push(metadataJson);
    p.prefixes.push(template.prefix);
    p.suffixes.push(template.suffix);
  }
  return p;
};

const isStreamVersionConflict = (error: unknown): boolean =>
  isPostgresError(error) && error.code === '23505' && error.constraint === STREAM_VERSION_CONSTRAINT;

/** `any` and `exists` never conflict by contract; a lost race on the unique key is simply retried. */
const MAX_RACE_RETRIES = 50;
const MAX_STREAM_VERSION = 2_147_483_647;

/**
 * The EventStore over SQL, shared by the PostgreSQL and PGlite adapters: the same migrations,
 * the same statements, only the driver differs (see SqlDatabase).
 */
export class SqlEventStore implements EventStore {
  private readonly db: SqlDatabase;
  private readonly upcaster: Upcaster;
  private readonly closing = new AbortController();
  private readonly sql: {
    readonly append: string;
    readonly appendOne: string;
    readonly appendGroup: string;
    readonly appendBulk: string;
    readonly streamHead: string;
    readonly streamVersion: string;
    readonly forward: string;
    readonly backward: string;
    readonly all: string;
    readonly byStreamPrefix: string;
    readonly head: string;
  };
  private readonly statementPrefix: string;
  private readonly grouper: AppendGrouper<OneRequest, OneOutcome> | undefined;
  /** Subscription reads in flight, by position and page size (subscriptionPage). */
  private readonly sharedPages = new Map<string, { readonly generation: number; readonly page: Promise<readonly RecordedEvent[]> }>();

  constructor(private readonly settings: SqlEventStoreSettings) {
    this.db = settings.db;
    this.upcaster = settings.upcaster ?? noUpcast;
    const s = (template: string): string => inSchema(template, settings.schema);
    this.sql = {
      append: s(appendSql),
      appendOne: s(appendOneSql),
      appendGroup: s(appendGroupSql),
      appendBulk: s(appendBulkSql),
      streamHead: s(streamHeadSql),
      streamVersion: s(streamVersionSql),
      forward: s(readStreamForwardSql),
      backward: s(readStreamBackwardSql),
      all: s(readAllSql),
      byStreamPrefix: s(readAllByStreamPrefixSql),
      head: s(headPositionSql),
    };
    // Prepared statements are per connection and per text, and the text depends on the schema.
    this.statementPrefix = `ccpor_es_${settings.schema}`;
    this.grouper = settings.grouping
      ? new AppendGrouper<OneRequest, OneOutcome>((group) => this.sendGroup(group), settings.grouping.maxInFlight, settings.grouping.maxGroup)
      : undefined;
  }

  /**
   * The database and schema the log lives in, for adapters that keep their own tables beside it
   * (the CARPOS gateway's outbox must commit in the same database as its checkpoint). The
   * registry's store opener hands it to them beside the store (ADR 0083).
   */
  get sqlHome(): SqlHome {
    return { db: this.db, schema: this.settings.schema };
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<Either<AppendError, AppendResult>> {
    this.assertOpen();
    if (events.length === 0) return left({ code: 'EMPTY_APPEND', streamId });
    const prepared = prepareEvents(streamId, events);
    // exact 0 is "no stream" (ExpectedVersion's convention), whichever way it was built.
    const kind = expected.kind === 'exact' && expected.version === 0 ? 'no_stream' : expected.kind;
    const exactVersion = expected.kind === 'exact' ? expected.version : null;
    for (let attempt = 0; ; attempt++) {
      let outcome: OneOutcome;
      try {
        outcome =
          events.length > BULK_THRESHOLD
            ? await this.appendBulk(streamId, prepared, expected)
            : events.length === 1 && this.grouper
              ? await this.appendGrouped(streamId, prepared, kind, exactVersion)
              : await this.appendInOneStatement(streamId, prepared, kind, exactVersion);
      } catch (error) {
        if (!isStreamVersionConflict(error)) throw error;
        outcome = 'raced';
      }
      if (outcome === 'raced') {
        // Someone committed the version we were about to write; `any` and `exists` try again.
        if (retriesOnConflict(expected) && attempt < MAX_RACE_RETRIES) continue;
        return left(wrongExpectedVersion(streamId, expected, await this.currentVersion(streamId)));
      }
      if ('actual' in outcome) return left(wrongExpectedVersion(streamId, expected, outcome.actual));
      this.settings.wakeup.signal();
      this.settings.afterAppend?.();
      return right(outcome);
    }
  }

  private appendGrouped(streamId: string, event: PreparedEvents, kind: string, exactVersion: number | null): Promise<OneOutcome> {
    const grouper = this.grouper!;
    return new Promise((resolve, reject) => grouper.submit({ streamId, kind, exactVersion, event, resolve, reject }));
  }

  /** Sends a group of single-event appends: alone through append_one, together through appendGroupSql. */
  private async sendGroup(group: readonly OneRequest[]): Promise<void> {
    if (group.length === 1) {
      const request = group[0]!;
      try {
        request.resolve(await this.appendInOneStatement(request.streamId, request.event, request.kind, request.exactVersion));
      } catch (error) {
        if (isStreamVersionConflict(error)) request.resolve('raced');
        else request.reject(error);
      }
      return;
    }
    const column = <T>(pick: (r: OneRequest) => T): T[] => group.map(pick);
    let rows: readonly AppendGroupRow[];
    try {
      rows = await this.runGroup(group, column);
    } catch (error) {
      if (!isPostgresError(error) || error.code !== '40P01') throw error;
      // Key order makes deadlocks between groups impossible; should one still happen (say,
      // with a writer outside this code), nothing was written: send the requests one by one.
      for (const request of group) await this.sendGroup([request]);
      return;
    }
    group.forEach((request, i) => {
      const row = rows[i];
      if (!row || Number(row.n) !== i + 1) request.reject(new Error('append group returned rows out of order'));
      else if (row.next_version !== null && row.txid_text !== null && row.position_text !== null) {
        request.resolve({ nextVersion: Number(row.next_version), lastPosition: encodePosition(row.txid_text, row.position_text) });
      } else request.resolve(row.allowed ? 'raced' : { actual: Number(row.actual) });
    });
  }

  private async runGroup(group: readonly OneRequest[], column: <T>(pick: (r: OneRequest) => T) => T[]): Promise<readonly AppendGroupRow[]> {
    const { rows } = await this.db.queryPrepared<AppendGroupRow>(`${this.statementPrefix}_append_group`, this.sql.appendGroup, [
      column((r) => r.streamId),
      column((r) => r.kind),
      column((r) => r.exactVersion),
      column((r) => r.event.types[0]),
      column((r) => r.event.schemaVersions[0]),
      column((r) => r.event.data[0]),
      column((r) => r.event.metadata[0]),
      column((r) => r.event.prefixes[0]),
      column((r) => r.event.suffixes[0]),
      GENESIS_HASH,
    ]);
    return rows;
  }

  /** One round trip: the statement reads the head, checks the expected version, chains and inserts. */
  private async appendInOneStatement(streamId: string, p: PreparedEvents, kind: string, exactVersion: number | null): Promise<AppendOutcome> {
    const row: AppendRow | undefined =
      p.types.length === 1
        ? (
            await this.db.queryPrepared<AppendRow>(`${this.statementPrefix}_append_one`, this.sql.appendOne, [
              streamId, kind, exactVersion, p.types[0], p.schemaVersions[0], p.data[0], p.metadata[0], p.prefixes[0], p.suffixes[0], GENESIS_HASH,
            ])
          ).rows[0]
        : (
            await this.db.queryPrepared<AppendRow>(`${this.statementPrefix}_append`, this.sql.append, [
              streamId, kind, exactVersion, p.types, p.schemaVersions, p.data, p.metadata, p.prefixes, p.suffixes, GENESIS_HASH,
            ])
          ).rows[0];
    if (!row) throw new Error('append statement returned no row');
    if (row.next_version === null || row.txid_text === null || row.position_text === null) return { actual: Number(row.actual) };
    return { nextVersion: Number(row.next_version), lastPosition: encodePosition(row.txid_text, row.position_text) };
  }

  /** Two round trips for large batches: read the head, chain in JS, insert from arrays (see appendBulkSql). */
  private async appendBulk(streamId: string, p: PreparedEvents, expected: ExpectedVersion): Promise<AppendOutcome> {
    const head = (await this.db.queryPrepared<{ stream_version: number; hash: string }>(`${this.statementPrefix}_stream_head`, this.sql.streamHead, [streamId]))
      .rows[0];
    const version = head ? Number(head.stream_version) : 0;
    if (!versionSatisfies(expected, version)) return { actual: version };
    const versions: number[] = [];
    const previousHashes: string[] = [];
    const hashes: string[] = [];
    let previous = head?.hash ?? GENESIS_HASH;
    for (let i = 0; i < p.types.length; i++) {
      const streamVersion = version + i + 1;
      const hash = linkHash(previous, `${p.prefixes[i]}${streamVersion}${p.suffixes[i]}`);
      versions.push(streamVersion);
      previousHashes.push(previous);
      hashes.push(hash);
      previous = hash;
    }
    const row = (
      await this.db.queryPrepared<{ next_version: number; txid_text: string; position_text: string }>(`${this.statementPrefix}_append_bulk`, this.sql.appendBulk, [
        streamId, versions, p.types, p.schemaVersions, p.data, p.metadata, previousHashes, hashes,
      ])
    ).rows[0];
    if (!row) throw new Error('bulk append returned no row');
    return { nextVersion: Number(row.next_version), lastPosition: encodePosition(row.txid_text, row.position_text) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? null;
    const { rows } =
      options.direction === 'backward'
        ? await this.db.queryPrepared<EventRow>(`${this.statementPrefix}_backward`, this.sql.backward, [
            streamId,
            Math.min(options.fromVersion ?? MAX_STREAM_VERSION, MAX_STREAM_VERSION),
            limit,
          ])
        : await this.db.queryPrepared<EventRow>(`${this.statementPrefix}_forward`, this.sql.forward, [streamId, options.fromVersion ?? 1, limit]);
    return rows.map((r) => this.toRecorded(r));
  }

  /** With `streamPrefixes`, the database skips the other streams' events (readAllByStreamPrefixSql). */
  readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return options.streamPrefixes === undefined
      ? this.readLog('all', this.sql.all, options)
      : this.readLog('by_stream_prefix', this.sql.byStreamPrefix, options, [[...options.streamPrefixes]]);
  }

  /** A page of the log in global order: `$1`–`$3` are the position after which to read and the count; `more` follow. */
  private async readLog(name: string, sql: string, options: ReadAllOptions, more: readonly unknown[] = []): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const after = options.after === undefined ? LOG_START : decodePosition(options.after);
    const { rows } = await this.db.queryPrepared<EventRow>(`${this.statementPrefix}_${name}`, sql, [after.transactionId, after.position, options.maxCount, ...more]);
    return rows.map((r) => this.toRecorded(r));
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    const pageSize = this.settings.subscriptionPageSize ?? 1000;
    let cursor = options.after;
    await this.settings.beforeSubscribe?.();
    while (!signal.aborted) {
      const seen = this.settings.wakeup.generation;
      const page = await this.subscriptionPage(cursor, pageSize);
      for (const event of page) {
        if (signal.aborted) return;
        yield event;
        cursor = event.globalPosition;
      }
      if (page.length < pageSize) await this.settings.wakeup.wait(seen, this.settings.pollIntervalMs, signal);
    }
  }

  /**
   * A page for a subscription. Subscribers in one process (the search projector, the identity
   * view) wake on the same signal and usually ask for the same page: one database read serves
   * all of them. A read is shared only while no wake-up has come since it started. An event
   * committed meanwhile is announced by a wake-up of its own (the local append's signal, or
   * another process's NOTIFY), and the joiner reads again on it, so sharing never holds an event
   * back past its announcement. Plain `readAll` calls are never shared: a caller reading after
   * its own append must see it.
   */
  private subscriptionPage(after: GlobalPosition | undefined, maxCount: number): Promise<readonly RecordedEvent[]> {
    const key = `${after ?? ''}|${maxCount}`;
    const generation = this.settings.wakeup.generation;
    const shared = this.sharedPages.get(key);
    if (shared !== undefined && shared.generation === generation) return shared.page;
    const entry = { generation, page: this.readAll(after === undefined ? { maxCount } : { after, maxCount }) };
    this.sharedPages.set(key, entry);
    const forget = (): void => {
      if (this.sharedPages.get(key) === entry) this.sharedPages.delete(key);
    };
    entry.page.then(forget, forget);
    return entry.page;
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    this.assertOpen();
    let boundary: string | null = null;
    for (let attempt = 0; ; attempt++) {
      const row: HeadRow | undefined = (await this.db.queryPrepared<HeadRow>(`${this.statementPrefix}_head`, this.sql.head, [boundary])).rows[0];
      if (!row) throw new Error('head statement returned no row');
      if (row.settled) return row.txid_text === null || row.position_text === null ? undefined : encodePosition(row.txid_text, row.position_text);
      // Transactions that were running when we asked may still commit events before the
      // head; wait for them (a commit takes well under a millisecond to a few ms).
      boundary = row.boundary;
      await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 10)));
    }
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.settings.release();
  }

  private async currentVersion(streamId: string): Promise<number> {
    const row = (await this.db.query<{ version: number }>(this.sql.streamVersion, [streamId])).rows[0];
    return Number(row?.version ?? 0);
  }

  private toRecorded(row: EventRow): RecordedEvent {
    // Hot path of every read (a rebuild maps hundreds of thousands of rows a second): the
    // freshly parsed metadata object is completed in place, which is several times cheaper
    // than copying it, and the identity upcaster is not called at all.
    const metadata = JSON.parse(row.metadata_text) as { -readonly [K in keyof EventMetadata]: EventMetadata[K] };
    metadata.previousHash = row.previous_hash;
    metadata.hash = row.hash;
    const data = JSON.parse(row.data_text) as unknown;
    const upcast = this.upcaster === noUpcast ? undefined : this.upcaster({ type: row.type, schemaVersion: row.schema_version, data });
    return {
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      globalPosition: encodePosition(row.txid_text, row.position_text),
      type: upcast ? upcast.type : row.type,
      schemaVersion: upcast ? upcast.schemaVersion : row.schema_version,
      data: upcast ? upcast.data : data,
      metadata,
    };
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new Error('event store is closed');
  }
}
