import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import { PgliteEventStore } from '../event-store/pglite/pglite-event-store';
import { describeOrderProjection } from './__tests__/describe-order-projection';
import { migrateViews } from './migrate-views';
import { pgliteViewExtensions } from './pglite-view-extensions';

// PGlite on disk, log and views in one database and schema.
describeOrderProjection('PGlite (event store and views in one database)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccpor-views-'));
  const pglite = await PGlite.create(dir, { extensions: pgliteViewExtensions });
  const store = await PgliteEventStore.open({ db: pglite, pollIntervalMs: 50 });
  const db = pgliteDatabase(pglite);
  await migrateViews(db, 'ccpor');
  return {
    store,
    db,
    schema: 'ccpor',
    dispose: async () => {
      await store.close();
      await pglite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// The in-memory event store feeding views held in PGlite (in memory).
describeOrderProjection('the in-memory event store with PGlite views', async () => {
  const pglite = await PGlite.create({ extensions: pgliteViewExtensions });
  const db = pgliteDatabase(pglite);
  await migrateViews(db, 'views');
  const store = new InMemoryEventStore();
  return {
    store,
    db,
    schema: 'views',
    dispose: async () => {
      await store.close();
      await pglite.close();
    },
  };
});
