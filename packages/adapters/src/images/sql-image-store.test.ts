import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/Either';
import { Pool } from 'pg';
import { chunked, imageStoreContract, sampleTiff } from '@ccpor/test-kit';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { IMAGE_CHUNK_BYTES, SqlImageStore } from './sql-image-store';

imageStoreContract('PGlite', async ({ limitBytes }) => {
  const pglite = await PGlite.create('memory://');
  const store = await SqlImageStore.open({ db: pgliteDatabase(pglite), limitBytes });
  return { store, dispose: () => pglite.close() };
});

imageStoreContract('PostgreSQL', async ({ limitBytes }) => {
  const config = testPostgresConfig();
  const schema = throwawaySchemaName('images');
  const pool = new Pool({ ...config, max: 6 });
  const store = await SqlImageStore.open({ db: postgresDatabase(pool), schema, limitBytes });
  return {
    store,
    dispose: async () => {
      await pool.end();
      await dropSchema(config, schema);
    },
  };
});

describe('SqlImageStore storage', () => {
  const pools: PGlite[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('keeps an image as fixed-size chunks beside one metadata row, in the chosen schema', async () => {
    const pglite = await PGlite.create('memory://');
    pools.push(pglite);
    const store = await SqlImageStore.open({ db: pgliteDatabase(pglite), schema: 'court_images' });
    const tiff = sampleTiff(2, 'chunks', { width: 2000, height: 1200 });
    const result = await store.put(chunked(tiff, 70_000));
    if (!isRight(result)) throw new Error('put failed');
    const { rows } = await pglite.query<{ seq: number; len: number }>(
      'SELECT seq, length(data) AS len FROM court_images.image_chunks WHERE sha256 = $1 ORDER BY seq',
      [result.right.sha256],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: Math.ceil(tiff.length / IMAGE_CHUNK_BYTES) }, (_, i) => i));
    expect(rows.reduce((n, r) => n + r.len, 0)).toBe(tiff.length);
    expect(rows.slice(0, -1).every((r) => r.len === IMAGE_CHUNK_BYTES)).toBe(true);
  });
});
