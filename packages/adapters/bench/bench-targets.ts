import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ccpor/domain';
import { PgliteEventStore } from '../src/event-store/pglite/pglite-event-store';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../src/event-store/postgres/throwaway-schema';

/**
 * A store under benchmark. To compare another implementation side by side (e.g. Emmett's
 * PostgreSQL store behind an EventStore-shaped wrapper), add a target here: the measurements
 * in append.bench.ts only see this interface.
 */
export interface BenchTarget {
  readonly name: string;
  /** Opens an empty store; `concurrency` is the most appends that will be in flight. */
  open(concurrency: number): Promise<{ readonly store: EventStore; dispose(): Promise<void> }>;
}

/** BENCH_GROUPING=off, or <maxInFlight>x<maxGroup> (e.g. 4x64), to compare grouping settings. */
const groupingFromEnv = (): { appendGrouping?: false | { maxInFlight: number; maxGroup: number } } => {
  const setting = process.env.BENCH_GROUPING;
  if (!setting) return {};
  if (setting === 'off') return { appendGrouping: false };
  const [maxInFlight, maxGroup] = setting.split('x').map(Number);
  return { appendGrouping: { maxInFlight: maxInFlight ?? 4, maxGroup: maxGroup ?? 64 } };
};

export const postgresTarget: BenchTarget = {
  name: 'PostgreSQL',
  async open(concurrency) {
    const connection = testPostgresConfig();
    const schema = throwawaySchemaName('bench');
    const store = await PostgresEventStore.open({ connection, schema, poolSize: Math.max(concurrency, 4), ...groupingFromEnv() });
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropSchema(connection, schema);
      },
    };
  },
};

export const pgliteTarget: BenchTarget = {
  name: 'PGlite (on disk)',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'ccpor-bench-'));
    const store = await PgliteEventStore.open({ dataDir: join(dir, 'data') });
    return {
      store,
      dispose: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const defaultTargets: readonly BenchTarget[] = [postgresTarget, pgliteTarget];
