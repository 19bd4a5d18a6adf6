import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { Client as PgClient, type ClientConfig } from 'pg';
import { PgliteEventStore, PostgresEventStore } from '@ccpor/adapters';
import { chunked, collectBytes, samplePdf } from '@ccpor/test-kit';
import { openImageStore } from './open-image-store';

const config = { maxBytes: 1024 * 1024, maxParallelUploads: 4 };

const roundTrip = async (opened: Awaited<ReturnType<typeof openImageStore>>) => {
  const pdf = samplePdf(2, `composition-${randomBytes(4).toString('hex')}`);
  const put = await opened.store.put(chunked(pdf));
  if (E.isLeft(put)) throw new Error(JSON.stringify(put.left));
  const read = await opened.store.read(put.right.sha256);
  if (E.isLeft(read)) throw new Error(JSON.stringify(read.left));
  expect(Buffer.compare(Buffer.from(await collectBytes(read.right)), Buffer.from(pdf))).toBe(0);
  return put.right.sha256;
};

describe('the image store the composition root picks', () => {
  it('is a filesystem store under the embedded store’s data directory, which reopens with the images in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccpor-images-pglite-'));
    try {
      let events = await PgliteEventStore.open({ dataDir: dir });
      const opened = await openImageStore(config, { kind: 'pglite', dataDir: dir }, events.sqlHome);
      expect(opened.description).toBe(`filesystem:${join(dir, 'images')}`);
      const sha = await roundTrip(opened);
      expect((await stat(join(dir, 'images', sha.slice(0, 2), sha.slice(2, 4), sha))).isFile()).toBe(true);
      await opened.close();
      await events.close();
      // PGlite opens its data directory again with the images folder inside it.
      events = await PgliteEventStore.open({ dataDir: dir });
      const again = await openImageStore(config, { kind: 'pglite', dataDir: dir }, events.sqlHome);
      expect(await again.store.stat(sha)).toMatchObject({ mediaType: 'application/pdf', pages: 2 });
      await events.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is a temporary folder for the memory store, removed on close', async () => {
    const opened = await openImageStore(config, { kind: 'memory' }, undefined);
    await roundTrip(opened);
    const root = opened.description.slice('filesystem:'.length);
    await opened.close();
    await expect(stat(root)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('follows CCPOR_IMAGE_STORE when it names a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccpor-images-dir-'));
    try {
      const opened = await openImageStore({ ...config, store: { kind: 'filesystem', root: dir } }, { kind: 'memory' }, undefined);
      expect(opened.description).toBe(`filesystem:${dir}`);
      await roundTrip(opened);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses CCPOR_IMAGE_STORE=sql on a store without SQL beside it', async () => {
    await expect(openImageStore({ ...config, store: { kind: 'sql' } }, { kind: 'memory' }, undefined)).rejects.toMatchObject({ code: 'IMAGE_STORE_UNSUPPORTED' });
  });

  it('is the SQL store in the log’s schema on PostgreSQL', async () => {
    const connection: ClientConfig = process.env.CCPOR_TEST_PG_URL
      ? { connectionString: process.env.CCPOR_TEST_PG_URL }
      : { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'test', ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}) };
    const schema = `ccpor_images_${randomBytes(5).toString('hex')}`;
    const events = await PostgresEventStore.open({ connection, schema, poolSize: 2 });
    try {
      const opened = await openImageStore(config, { kind: 'postgres', url: 'postgres://unused', schema, poolSize: 2 }, events.sqlHome);
      expect(opened.description).toBe(`sql:${schema}`);
      const sha = await roundTrip(opened);
      const c = new PgClient(connection);
      await c.connect();
      const rows = await c.query(`SELECT count(*)::int AS n FROM "${schema}".images WHERE sha256 = $1`, [sha]);
      await c.end();
      expect(rows.rows[0].n).toBe(1);
    } finally {
      await events.close();
      const c = new PgClient(connection);
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }, 60_000);
});
