import { randomBytes } from 'node:crypto';
import { Client as PgClient, type ClientConfig } from 'pg';
import { PostgresEventStore } from '@ccpor/adapters';
import { sampleOrderInput } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';

/** The API on PostgreSQL, in a throw-away schema dropped afterwards (CCPOR_TEST_PG_URL, else PG* / local trust auth). */
const connection: ClientConfig = process.env.CCPOR_TEST_PG_URL
  ? { connectionString: process.env.CCPOR_TEST_PG_URL }
  : { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'test', ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}) };
const schema = `ccpor_apphttp_${randomBytes(5).toString('hex')}`;

let h: Harness;
let a: Client;
let b: Client;
beforeAll(async () => {
  const store = await PostgresEventStore.open({ connection, schema, poolSize: 8 });
  h = await startHarness({ store, sqlHome: store.sqlHome });
  a = await h.user('court-clerk');
  b = await h.user('supervisor');
}, 60_000);
afterAll(async () => {
  await h.close();
  const c = new PgClient(connection);
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
});

describe('the API on PostgreSQL', () => {
  it('adds, reads and searches with read-your-writes', async () => {
    const added = await a.agent.post('/api/v1/orders?wait=true').set('X-CSRF-Token', a.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL010101' }) }).expect(201);
    expect(added.headers['x-ccpor-search-caught-up']).toBe('true');
    await a.agent.get(`/api/v1/orders/${added.body.orderId}`).expect(200);
    const s = await a.agent.get('/api/v1/search?caseNumber=26FL010101').expect(200);
    expect(s.body.count).toBe(1);
  });

  it('two clients with the same If-Match: one 200, one 412', async () => {
    const id = (await a.agent.post('/api/v1/orders').set('X-CSRF-Token', a.csrf).send({ details: sampleOrderInput() }).expect(201)).body.orderId;
    const send = (c: Client, terms: string) => c.agent.post(`/api/v1/orders/${id}/modifications`).set('X-CSRF-Token', c.csrf).set('If-Match', '"1"').send({ changes: { terms } });
    const statuses = (await Promise.all([send(a, 'A'), send(b, 'B')])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412]);
  });

  it('verify finds the chains intact', async () => {
    const r = await h.admin.agent.post('/api/v1/audit/verify').set('X-CSRF-Token', h.admin.csrf).expect(200);
    expect(r.body.faults).toEqual([]);
  });
});
