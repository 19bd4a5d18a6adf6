import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { openEventStore } from './open-event-store';

/**
 * The registry's PostgreSQL sessions are set for short statements: no parallel workers and no
 * JIT compilation (open-event-store.ts says why), and the pool is sized by CCPOR_PG_POOL_SIZE.
 */
const url = process.env.CCPOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `ccpor_openstore_${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  const c = new PgClient({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
});

it('opens PostgreSQL sessions without parallel workers or JIT', async () => {
  const { store, sqlHome } = await openEventStore({ kind: 'postgres', url, schema, poolSize: 3 });
  try {
    expect(sqlHome?.schema).toBe(schema);
    const settings = (await sqlHome!.db.query("SELECT current_setting('jit') AS jit, current_setting('max_parallel_workers_per_gather') AS workers")).rows[0];
    expect(settings).toEqual({ jit: 'off', workers: '0' });
  } finally {
    await store.close();
  }
});
