import { sampleOrderInput } from '@ccpor/test-kit';
import { OTHER_COURT, startHarness, type Client, type Harness } from '../__tests__/harness';

let h: Harness;
let clerk: Client;
let other: Client;
beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
  other = await h.user('court-clerk', OTHER_COURT);
});
afterAll(() => h.close());

const draft = async (c: Client, details: Record<string, unknown>) => {
  const r = await c.agent.post('/api/v1/orders/drafts?wait=true').set('X-CSRF-Token', c.csrf).send({ details }).expect(201);
  return { id: r.body.orderId as string, position: r.headers['x-ccpor-position'] as string };
};

describe('GET /orders/drafts: drafts waiting for data (ADR 0054)', () => {
  it('lists the own agency’s drafts oldest first, not another agency’s, nor added or discarded ones', async () => {
    const first = await draft(clerk, { form: 'EPO-001', caseNumber: '26FL880001' });
    const second = await draft(clerk, { form: 'DV-110' });
    const added = await draft(clerk, { form: 'DV-110', caseNumber: '26FL880003' });
    const discarded = await draft(clerk, {});
    await draft(other, { form: 'DV-110', caseNumber: '26FL880005' });
    await clerk.agent.delete(`/api/v1/orders/${discarded.id}/draft?wait=true`).set('X-CSRF-Token', clerk.csrf).send({}).expect(200);
    const done = await clerk.agent.post(`/api/v1/orders/${added.id}/add?wait=true`).set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL880003' }) }).expect(200);
    // A later change to the first draft puts it last: the list is by last change.
    const touched = await clerk.agent.patch(`/api/v1/orders/${first.id}/draft?wait=true`).set('X-CSRF-Token', clerk.csrf).send({ details: { caseNumber: '26FL880002' } }).expect(200);
    const list = await clerk.agent.get('/api/v1/orders/drafts').set('X-CCPOR-Wait-For', String(touched.headers['x-ccpor-position'] ?? done.headers['x-ccpor-position'])).expect(200);
    const ids = list.body.drafts.map((d: { orderId: string }) => d.orderId);
    expect(ids).toEqual([second.id, first.id]);
    expect(list.body.drafts[1]).toMatchObject({ form: 'EPO-001', caseNumber: '26FL880002', imageCount: 0, restrainedPerson: null, enteringAgencyOri: 'CA019015J' });
    const mine = (await other.agent.get('/api/v1/orders/drafts').expect(200)).body.drafts;
    expect(mine.map((d: { caseNumber: string }) => d.caseNumber)).toEqual(['26FL880005']);
  });

  it('a sealed draft only for a supervisor of the agency; a bad limit is a 400 on its field', async () => {
    const sealed = await draft(clerk, { form: 'DV-110', sealed: true, caseNumber: '26FL880010' }).catch(() => undefined);
    // A clerk may not enter a sealed draft at all; a supervisor may, and only a supervisor lists it.
    expect(sealed).toBeUndefined();
    const supervisor = await h.user('supervisor');
    const s = await draft(supervisor, { form: 'DV-110', sealed: true, caseNumber: '26FL880010' });
    const bySupervisor = (await supervisor.agent.get('/api/v1/orders/drafts').set('X-CCPOR-Wait-For', s.position).expect(200)).body.drafts;
    expect(bySupervisor.map((d: { orderId: string }) => d.orderId)).toContain(s.id);
    const byClerk = (await clerk.agent.get('/api/v1/orders/drafts').expect(200)).body.drafts;
    expect(byClerk.map((d: { orderId: string }) => d.orderId)).not.toContain(s.id);
    const bad = await clerk.agent.get('/api/v1/orders/drafts?limit=0').expect(400);
    expect(bad.body.field).toBe('limit');
  });
});
