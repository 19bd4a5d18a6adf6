import { Client } from 'pg';
import { demoOrder } from '../demo/demo-orders';
import { startReplication, type Replication } from './__tests__/hot-standby';
import { baseEnv, dropSchema, eventually, prepareSchema, startRegistry, throwawaySchema, type RegistryProcess } from './__tests__/registry-process';

/**
 * Search from a hot standby (CCPOR_PG_READ_URL; issue 18, ADR 0062): plain searches read the
 * standby; a search that waits for a write (X-CCPOR-Wait-For) reads it only once it has replayed
 * that write, and reads the primary while the standby lags past the setting.
 */
const schema = throwawaySchema('standby');
let replication: Replication | undefined;
let registry: RegistryProcess | undefined;
let skipped: string | undefined;
const MAX_LAG_MS = 300;

beforeAll(async () => {
  const r = await startReplication();
  if ('skip' in r) {
    skipped = r.skip;
    process.stdout.write(`hot standby tests skipped: ${r.skip}\n`);
    return;
  }
  replication = r;
  if (r.note !== undefined) process.stdout.write(`hot standby: ${r.note}\n`);
}, 90_000);

afterAll(async () => {
  await registry?.stop();
  if (replication !== undefined) {
    await dropSchema(schema, replication.primaryUrl).catch(() => undefined);
    await replication.stop();
  }
}, 60_000);

const standbyQuery = async (sql: string): Promise<void> => {
  const c = new Client({ connectionString: replication!.standby.url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

describe('searches from a hot standby', () => {
  it('serves search from the standby, and read-your-writes stays correct while it lags', async () => {
    if (skipped !== undefined) return;
    const r = replication!;
    const env = { ...baseEnv(schema, { CCPOR_STORE: r.primaryUrl, CCPOR_PG_READ_URL: r.standby.url, CCPOR_PG_READ_MAX_LAG_MS: String(MAX_LAG_MS) }) };
    // The schema is prepared on the primary, as the registry's own tables are.
    const { keys } = await prepareSchema(schema, [], r.primaryUrl);
    registry = await startRegistry(env);
    const url = registry.url;
    const key = Object.values(keys)[0]!;
    const now = new Date().toISOString();
    const add = async (i: number) => {
      const { details, agencyOri } = demoOrder(i, now);
      const res = await fetch(`${url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[agencyOri] ?? key}` }, body: JSON.stringify({ details: { ...details, sealed: false } }) });
      expect(res.status).toBe(201);
      return { caseNumber: details.caseNumber, position: res.headers.get('x-ccpor-position')! };
    };
    const search = async (caseNumber: string, waitFor?: string) => {
      const res = await fetch(`${url}/api/v1/search?caseNumber=${encodeURIComponent(caseNumber)}`, { headers: { authorization: `Bearer ${key}`, ...(waitFor !== undefined ? { 'x-ccpor-wait-for': waitFor } : {}) } });
      expect(res.status).toBe(200);
      return { from: res.headers.get('x-ccpor-read-from'), count: ((await res.json()) as { count: number }).count };
    };

    // Replaying: a search that waits reads the standby once it has the write.
    const first = await add(1);
    expect(await search(first.caseNumber, first.position)).toEqual({ from: 'replica', count: 1 });
    await eventually(async () => (await search(first.caseNumber)).count === 1, 'the standby to show the first order');
    expect((await search(first.caseNumber)).from).toBe('replica');

    // Replay paused: the standby lags; a plain search still reads it (and misses the new order),
    // a search that waits for the write reads the primary and finds it.
    await standbyQuery('SELECT pg_wal_replay_pause()');
    const second = await add(2);
    expect(await search(second.caseNumber)).toEqual({ from: 'replica', count: 0 });
    expect(await search(second.caseNumber, second.position)).toEqual({ from: 'primary', count: 1 });

    // Replay resumes: the standby catches up and answers waiting searches again.
    await standbyQuery('SELECT pg_wal_replay_resume()');
    expect(await search(second.caseNumber, second.position)).toEqual({ from: 'replica', count: 1 });
  }, 90_000);
});
