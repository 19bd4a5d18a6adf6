import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { describeEventStoreContract } from '@ccpor/test-kit';
import { PgliteEventStore } from './pglite-event-store';

// One on-disk database for the suite; every store the contract opens shares it, as the
// factory contract requires (PGlite allows one instance per data directory).
let dir: string;
let db: PGlite;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccpor-pglite-contract-'));
  db = await PGlite.create(join(dir, 'data'));
}, 60_000);

afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describeEventStoreContract(
  'PGlite (on disk)',
  async ({ upcaster }) => {
    const store = await PgliteEventStore.open({ db, pollIntervalMs: 200, ...(upcaster ? { upcaster } : {}) });
    return { store, dispose: () => store.close() };
  },
  { concurrentWriters: true },
);
