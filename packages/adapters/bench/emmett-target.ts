import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { Client, Pool, types, type PoolConfig } from 'pg';
import type {
  AppendError,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  GlobalPosition,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
} from '@ccpor/domain';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { testPostgresConfig } from '../src/event-store/postgres/throwaway-schema';
import type { BenchTarget } from './bench-targets';

/**
 * Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`, a dev dependency of the
 * benchmark only) behind the parts of the EventStore port that the command handler uses:
 * `append` and `readStream`. It is a comparison, not an adapter:
 * - expected versions map one to one: exact n → `n`, no_stream → `0` (Emmett then inserts the
 *   stream row, and a concurrent creator fails on its primary key), so both stores enforce the
 *   same condition on every append in the benchmark; `exists` and `any` are not used by it;
 * - Emmett keeps no hash chain, so `previousHash` and `hash` read back empty;
 * - a conflict's actual version is unknown (Emmett reports -1), so it comes back as null;
 * - readAll, subscribe and headPosition are not part of the comparison and throw.
 */
class EmmettPortStore implements EventStore {
  constructor(
    private readonly emmett: PostgresEventStore,
    private readonly onClose: () => Promise<void>,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<E.Either<AppendError, AppendResult>> {
    if (events.length === 0) return E.left({ code: 'EMPTY_APPEND', streamId });
    const expectedStreamVersion =
      expected.kind === 'exact' ? BigInt(expected.version) : expected.kind === 'no_stream' ? 0n : expected.kind === 'exists' ? 'STREAM_EXISTS' : 'NO_CONCURRENCY_CHECK';
    try {
      const result = await this.emmett.appendToStream(
        streamId,
        events.map((e) => ({
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: { ...e.metadata, messageId: e.metadata.eventId, schemaVersion: e.schemaVersion },
        })),
        { expectedStreamVersion },
      );
      return E.right({
        nextVersion: Number(result.nextExpectedStreamVersion),
        lastPosition: result.lastEventGlobalPosition.toString().padStart(20, '0') as GlobalPosition,
      });
    } catch (error) {
      // Emmett's ExpectedVersionConflictError carries errorCode 412 (its ConcurrencyError).
      if (error instanceof Error && (error as { errorCode?: unknown }).errorCode === 412) {
        return E.left({ code: 'WRONG_EXPECTED_VERSION', streamId, expected, actual: null });
      }
      throw error;
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    if (options?.direction === 'backward') throw new Error('EmmettPortStore reads forward only');
    const from = options?.fromVersion;
    const read = await this.emmett.readStream(streamId, {
      ...(from !== undefined ? { from: BigInt(from) } : {}),
      ...(options?.maxCount !== undefined ? { maxCount: BigInt(options.maxCount) } : {}),
    });
    return read.events.map((event): RecordedEvent => {
      const { messageId: _messageId, streamName: _streamName, streamPosition, globalPosition, schemaVersion, ...metadata } = event.metadata as unknown as Record<string, unknown> & {
        streamPosition: bigint;
        globalPosition: bigint;
        schemaVersion?: number;
      };
      return {
        streamId,
        streamVersion: Number(streamPosition),
        globalPosition: globalPosition.toString().padStart(20, '0') as GlobalPosition,
        type: event.type,
        schemaVersion: schemaVersion ?? 1,
        data: event.data,
        metadata: { ...(metadata as unknown as EventMetadata), previousHash: '', hash: '' },
      };
    });
  }

  readAll(): Promise<readonly RecordedEvent[]> {
    return Promise.reject(new Error('readAll is not part of the Emmett comparison'));
  }

  subscribe(): AsyncIterable<RecordedEvent> {
    throw new Error('subscribe is not part of the Emmett comparison');
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return Promise.reject(new Error('headPosition is not part of the Emmett comparison'));
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

const withDatabase = (config: PoolConfig, database: string): PoolConfig => {
  if (!config.connectionString) return { ...config, database };
  const url = new URL(config.connectionString);
  url.pathname = `/${database}`;
  return { connectionString: url.toString() };
};

const toConnectionString = (config: PoolConfig): string => {
  if (config.connectionString) return config.connectionString;
  const auth = `${encodeURIComponent(config.user ?? 'postgres')}${typeof config.password === 'string' ? `:${encodeURIComponent(config.password)}` : ''}`;
  return `postgresql://${auth}@${config.host ?? '127.0.0.1'}:${config.port ?? 5432}/${config.database ?? 'postgres'}`;
};

const admin = async (config: PoolConfig, sql: string): Promise<void> => {
  const client = new Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * Emmett in a throwaway database on the same server as the PostgreSQL target (a database, not a
 * schema: Emmett's migrations look its functions up in pg_proc by name in any schema), with a
 * `pg` pool as large as the PostgreSQL target's. The database is dropped on dispose.
 */
export const emmettTarget: BenchTarget = {
  name: 'Emmett PostgreSQL',
  async open(concurrency) {
    const server = testPostgresConfig();
    const database = `ccpor_bench_emmett_${randomBytes(6).toString('hex')}`;
    await admin(server, `CREATE DATABASE "${database}"`);
    const config = withDatabase(server, database);
    // Emmett's connection layer (dumbo) replaces pg's global json/jsonb parsers; put them back
    // afterwards, so the other targets in the same run see pg as they always do.
    const jsonParser = types.getTypeParser(114);
    const jsonbParser = types.getTypeParser(3802);
    const pool = new Pool({ ...config, max: Math.max(concurrency, 4) });
    let closing = false;
    // An idle client whose backend goes away emits 'error' on the pool, which would end the run.
    // It happens on dispose: pool.end() does not wait for the sockets to close before the
    // database is dropped WITH (FORCE).
    pool.on('error', (error) => {
      if (!closing) console.error(`Emmett target: idle connection failed: ${error.message}`);
    });
    try {
      const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
      const emmett = getPostgreSQLEventStore(toConnectionString(config), { connectionOptions: { pool } });
      await emmett.schema.migrate();
      const store = new EmmettPortStore(emmett, async () => {
        closing = true;
        await emmett.close();
        await pool.end();
      });
      return {
        store,
        dispose: async () => {
          try {
            await store.close();
          } finally {
            types.setTypeParser(114, jsonParser);
            types.setTypeParser(3802, jsonbParser);
            await admin(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
          }
        },
      };
    } catch (error) {
      await pool.end().catch(() => undefined);
      types.setTypeParser(114, jsonParser);
      types.setTypeParser(3802, jsonbParser);
      await admin(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      throw error;
    }
  },
};
