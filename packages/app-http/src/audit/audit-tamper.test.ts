import { PGlite } from '@electric-sql/pglite';
import { PgliteEventStore, pgliteViewExtensions } from '@ccpor/adapters';
import { sampleOrderInput } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';
import { verifyChains } from './verify-chains';

/** The API on the embedded PGlite store, and tampering done directly in its database. */
let pg: PGlite;
let h: Harness;
let clerk: Client;
beforeAll(async () => {
  // pg_trgm for the search views, which live in the log's database (ADR 0032).
  pg = await PGlite.create('memory://', { extensions: pgliteViewExtensions });
  const store = await PgliteEventStore.open({ db: pg });
  h = await startHarness({ store, sqlHome: store.sqlHome });
  clerk = await h.user('court-clerk');
}, 60_000);
afterAll(async () => {
  await h.close();
  await pg.close();
});

const addOrder = async (caseNumber: string) =>
  (await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber }) }).expect(201)).body.orderId as string;

describe('audit on PGlite', () => {
  it('replays an order as of a time, with its timeline', async () => {
    const id = await addOrder('26FL008001');
    h.clock.advanceMinutes(60);
    await clerk.agent.post(`/api/v1/orders/${id}/cancellation`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'entered-in-error' }).expect(200);
    const before = await h.admin.agent.get(`/api/v1/audit/orders/${id}?asOf=${encodeURIComponent('2026-03-03T18:30:00.000Z')}`).expect(200);
    expect(before.body).toMatchObject({ version: 1, computed: { status: 'active' } });
    const now = await h.admin.agent.get(`/api/v1/audit/orders/${id}`).expect(200);
    expect(now.body.computed.status).toBe('canceled');
    expect(now.body.timeline).toEqual([
      expect.objectContaining({ version: 1, type: 'OrderAdded', userId: clerk.username, agencyOri: 'CA019015J' }),
      expect.objectContaining({ version: 2, type: 'OrderCanceled', userId: clerk.username }),
    ]);
  });

  it('verify finds every chain intact, then names an event edited in the database', async () => {
    const id = await addOrder('26FL008002');
    const clean = await h.admin.agent.post('/api/v1/audit/verify').set('X-CSRF-Token', h.admin.csrf).expect(200);
    expect(clean.body.faults).toEqual([]);
    expect(clean.body.events).toBeGreaterThan(5);

    await pg.query(`UPDATE ccpor.events SET data = jsonb_set(data::jsonb, '{details,caseNumber}', '"26FL999999"')::json WHERE stream_id = $1 AND stream_version = 1`, [`order-${id}`]);

    const tampered = await h.admin.agent.post('/api/v1/audit/verify').set('X-CSRF-Token', h.admin.csrf).expect(200);
    expect(tampered.body.faults).toEqual([expect.objectContaining({ streamId: `order-${id}`, streamVersion: 1, type: 'OrderAdded', problem: 'hash-mismatch' })]);
    const direct = await verifyChains(h.services.store);
    expect(direct.faults).toHaveLength(1);
  });

  it('only state administrators may verify or replay', async () => {
    await clerk.agent.post('/api/v1/audit/verify').set('X-CSRF-Token', clerk.csrf).expect(403);
  });
});
