/**
 * Historical-import benchmark: rows/s for BENCH_IMPORT_ROWS (default 100,000) synthetic rows of
 * a legacy extract (the tests' LEGACY_MAPPING), through the real importer (CSV parse, mapping,
 * validation, AddOrder + RecordService + CancelOrder), into PGlite (the default store, in a temp
 * data directory) and PostgreSQL (a throwaway schema; CCPOR_TEST_PG_URL / PG*).
 *
 *   npm run bench:import -w @ccpor/adapters
 *   BENCH_IMPORT_ROWS=20000 BENCH_IMPORT_TARGETS=pglite npm run bench:import -w @ccpor/adapters
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ccpor/domain';
import { PgliteEventStore } from '../src/event-store/pglite/pglite-event-store';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../src/event-store/postgres/throwaway-schema';
import { LEGACY_MAPPING, writeLegacyCsv } from '../src/historical-import/__tests__/history-rows';
import { importHistory } from '../src/historical-import/import-history';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const targets = (process.env.BENCH_IMPORT_TARGETS ?? 'pglite,postgresql').split(',').map((s) => s.trim().toLowerCase());
const concurrency = Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 16);

const run = async (name: string, dir: string, csv: string, store: EventStore): Promise<void> => {
  const summary = await importHistory({
    input: csv,
    mapping: LEGACY_MAPPING,
    eventStore: store,
    ids: { newId: () => randomUUID() },
    actor: { userId: 'bench', agencyOri: 'CA019015J', roles: ['court-admin'], kind: 'system' },
    rejects: join(dir, `${name}-rejects.jsonl`),
    checkpoint: join(dir, `${name}-checkpoint.json`),
    concurrency,
  });
  if (summary.imported !== rows) throw new Error(`${name}: imported ${summary.imported} of ${rows} rows (rejected ${summary.rejected})`);
  console.log(`${name.padEnd(10)} ${rows} rows in ${(summary.elapsedMs / 1000).toFixed(1)} s = ${summary.rowsPerSecond} rows/s (concurrency ${concurrency})`);
};

const main = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ccpor-bench-import-'));
  try {
    const csv = join(dir, 'orders.csv');
    await writeLegacyCsv(csv, rows);
    console.log(`historical import, ${rows} rows; ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    if (targets.includes('pglite')) {
      const store = await PgliteEventStore.open({ dataDir: join(dir, 'pglite') });
      try {
        await run('PGlite', dir, csv, store);
      } finally {
        await store.close();
      }
    }
    if (targets.includes('postgresql')) {
      const config = testPostgresConfig();
      const schema = throwawaySchemaName('bench_import');
      const store = await PostgresEventStore.open({ connection: config, schema });
      try {
        await run('PostgreSQL', dir, csv, store);
      } finally {
        await store.close();
        await dropSchema(config, schema);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
