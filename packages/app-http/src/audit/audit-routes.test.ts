import { sampleOrderInput } from '@ccpor/test-kit';
import { startHarness, type Harness } from '../__tests__/harness';

/** The audit routes' errors (their happy paths and tampering are in audit-tamper.test.ts, on PGlite). */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

describe('audit route errors', () => {
  it('replay: 404 for an order that never existed, 400 naming orderId or asOf when they do not decode', async () => {
    const missing = await h.admin.agent.get('/api/v1/audit/orders/5a1c7a52-8d4e-4b6a-9c1d-00000000dead').expect(404);
    expect(missing.body).toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'orderId' });
    const badId = await h.admin.agent.get('/api/v1/audit/orders/not-a-uuid').expect(400);
    expect(badId.body).toMatchObject({ code: 'INVALID_VALUE', field: 'orderId' });
    const badTime = await h.admin.agent.get('/api/v1/audit/orders/5a1c7a52-8d4e-4b6a-9c1d-00000000dead?asOf=yesterday').expect(400);
    expect(badTime.body).toMatchObject({ code: 'INVALID_VALUE', field: 'asOf' });
  });

  it('replay as of a time before the order existed shows it not yet there; an order the state administrator may read replays in full', async () => {
    const clerk = await h.user('court-clerk');
    const added = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL900001' }) }).expect(201);
    const before = await h.admin.agent.get(`/api/v1/audit/orders/${added.body.orderId}?asOf=2020-01-01T00:00:00Z`).expect(200);
    expect(before.body).toMatchObject({ version: 0, timeline: [], state: { status: 'none' } });
    const now = await h.admin.agent.get(`/api/v1/audit/orders/${added.body.orderId}`).expect(200);
    expect(now.body).toMatchObject({ version: 1, computed: { status: 'active' }, state: { details: { caseNumber: '26FL900001' } } });
  });

  it('a sealed order replays for the state administrator as its timeline alone, its data withheld, and both decisions are audited (ADR 0034)', async () => {
    const sup = await h.user('supervisor');
    const added = await sup.agent.post('/api/v1/orders').set('X-CSRF-Token', sup.csrf).send({ details: sampleOrderInput({ sealed: true, caseNumber: '26FL900002' }) }).expect(201);
    const id = added.body.orderId as string;
    const replay = await h.admin.agent.get(`/api/v1/audit/orders/${id}`).expect(200);
    expect(replay.body).toMatchObject({ orderId: id, version: 1, timeline: [expect.objectContaining({ type: 'OrderAdded', userId: sup.username })], redacted: ['state', 'computed'] });
    expect(replay.body).not.toHaveProperty('state');
    const text = JSON.stringify(replay.body);
    for (const secret of ['26FL900002', 'RIVERA', 'Rivera', '1990-02-03']) expect(text).not.toContain(secret);
    // As it stood before it was sealed, or long before: still withheld, the order is sealed now.
    const early = await h.admin.agent.get(`/api/v1/audit/orders/${id}?asOf=2020-01-01T00:00:00Z`).expect(200);
    expect(early.body).not.toHaveProperty('state');
    await h.services.audit.flush();
    const audit = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
    const decisions = audit.flatMap((e) => (e.data as { decisions: Record<string, unknown>[] }).decisions).filter((d) => d.orderId === id);
    expect(decisions).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'order.read', allowed: false, code: 'SEALED_ORDER', route: 'GET /api/v1/audit/orders/:orderId' })]));
    // The same order's history is hidden from the state administrator like the order itself (the reproduction: 200 with names and DOBs).
    const history = await h.admin.agent.get(`/api/v1/orders/${id}/history`).expect(404);
    expect(history.body).toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'orderId' });
  });

  it('verify and replay without credentials are 401', async () => {
    const anonymous = (await import('supertest')).default(h.app);
    expect((await anonymous.post('/api/v1/audit/verify')).status).toBe(401);
    expect((await anonymous.get('/api/v1/audit/orders/5a1c7a52-8d4e-4b6a-9c1d-00000000dead')).status).toBe(401);
  });
});
