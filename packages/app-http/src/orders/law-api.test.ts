import { PathReporter } from 'io-ts/PathReporter';
import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, OTHER_COURT, SHERIFF, startHarness, type Client, type Harness } from '../__tests__/harness';
import { OrderReadCodec } from './order-view-codecs';

/**
 * Issue 17 through HTTP: the order read's deadlines, firearm view and unserved notice (decoded with
 * the codecs the OpenAPI document is built from), the firearm receipt and court filing commands,
 * the firearm overdue report, search hits' notice, and a court's own calendar (closures, close of
 * business) changing an EPO's end. One registry for the whole file.
 */
let h: Harness;
let clerk: Client;
let deputy: Client;
let supervisor: Client;
let courtAdmin: Client;
let otherAdmin: Client;
beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk', COURT);
  deputy = await h.user('lea-data-entry', SHERIFF);
  supervisor = await h.user('supervisor', COURT);
  courtAdmin = await h.user('local-admin', COURT);
  otherAdmin = await h.user('local-admin', OTHER_COURT);
}, 120_000);
afterAll(() => h.close());

const post = (c: Client, path: string, body: unknown) => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).send(body as object);
const read = async (c: Client, id: string) => {
  const r = await c.agent.get(`/api/v1/orders/${id}`).expect(200);
  const decoded = OrderReadCodec.decode(r.body);
  expect(decoded._tag === 'Right' ? [] : PathReporter.report(decoded)).toEqual([]);
  return r.body;
};
let n = 0;
/** A surname per order (names hold letters only), so each order concerns other people. */
const surname = (i: number) => `Lawson${String.fromCharCode(64 + i)}`;
const add = async (overrides: Record<string, unknown> = {}, who = clerk) => {
  n += 1;
  const r = await post(who, '/orders', { details: sampleOrderInput({ caseNumber: `26FL00${n}`, restrainedPerson: { name: { last: surname(n), first: 'Dale' }, dateOfBirth: '1980-01-01' }, ...overrides }) });
  expect(r.status === 201 ? r.status : r.body).toBe(201);
  return r.body.orderId as string;
};

describe('deadlines, firearms and the unserved notice on the order read', () => {
  it('shows the pending DOJ deadline and the officer’s notice on an order never served', async () => {
    const id = await add();
    const body = await read(clerk, id);
    expect(body.computed.pendingDeadlines).toEqual([expect.objectContaining({ id: 'd1', purpose: 'issue', transaction: 'enter', dueAt: '2026-03-03T23:59:59-08:00', rule: expect.stringContaining('Fam. Code 6380(a)') })]);
    expect(body.computed.unservedNotice).toEqual({ notice: 'Not served: tell the restrained person the terms, then enforce.', rule: expect.stringContaining('Fam. Code 6383(e)') });
    expect(body.computed.firearms).toMatchObject({ ordered: true, status: 'awaiting-service' });
  });

  it('a modification made earlier than its entry, an officer’s verbal notice, then the receipt', async () => {
    const id = await add();
    h.clock.set('2026-03-03T18:30:00.000Z');
    await post(clerk, `/orders/${id}/modifications`, { changes: { terms: 'Stay 150 yards away.' }, orderedAt: '2026-03-03T09:00:00-08:00' }).expect(200);
    const served = await post(deputy, `/orders/${id}/services`, {
      service: { serviceId: 'pos-1', servedAt: '2026-03-03T10:00:00-08:00', method: 'officer-verbal-notice', servedBy: { name: 'Deputy K. Osei' }, servingAgencyOri: SHERIFF },
    });
    // The sheriff is not the entering agency; the sample order is not assigned to it.
    expect(served.status).toBe(403);
    await post(clerk, `/orders/${id}/services`, {
      service: { serviceId: 'pos-1', servedAt: '2026-03-03T10:00:00-08:00', method: 'officer-verbal-notice', servedBy: { name: 'Deputy K. Osei' }, servingAgencyOri: SHERIFF },
    }).expect(200);
    let body = await read(clerk, id);
    expect(body.computed.unservedNotice).toBeUndefined();
    expect(body.computed.pendingDeadlines.map((d: { purpose: string; dueAt: string }) => [d.purpose, d.dueAt])).toEqual([
      ['issue', '2026-03-03T23:59:59-08:00'],
      ['modify', '2026-03-04T23:59:59-08:00'],
      ['service', '2026-03-04T23:59:59-08:00'],
      ['firearm-surrender', '2026-03-04T10:00:00-08:00'],
      ['firearm-receipt', '2026-03-05T10:00:00-08:00'],
    ]);
    expect(body.computed.firearms).toMatchObject({ status: 'pending', surrenderBy: '2026-03-04T10:00:00-08:00', receiptDue: '2026-03-05T10:00:00-08:00' });

    const receipt = {
      receiptId: 'dv-800-1',
      filedAt: '2026-03-03T10:20:00-08:00',
      filedBy: { name: 'Dale Lawson', role: 'restrained-person' },
      filedWith: ['court', 'law-enforcement'],
      outcome: { kind: 'none-owned' },
      form: 'DV-800',
    };
    await post(clerk, `/orders/${id}/firearm-receipts`, { receipt }).expect(200);
    body = await read(clerk, id);
    expect(body.computed.firearms).toMatchObject({ status: 'receipt-filed', receipts: [{ receiptId: 'dv-800-1', outcome: 'none-owned', late: false }] });
    const again = await post(clerk, `/orders/${id}/firearm-receipts`, { receipt });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FIREARM_RECEIPT_ALREADY_RECORDED');
  });

  it('refuses a firearm term the law does not allow, naming the rule', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: '26FL0999', provisions: [{ kind: 'firearm-relinquishment', withinHours: 48 }] }) });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'FIREARM_TERM_NOT_LAWFUL', field: 'provisions.0.withinHours', rule: expect.stringContaining('Fam. Code 6389(c)(2)') });
  });

  it('records a gun violence emergency order’s filing with the court (Pen. Code 18140(c))', async () => {
    h.clock.set('2026-03-03T18:45:00.000Z');
    const id = await add({ form: 'EPO-002', issuedAt: '2026-03-03T09:30:00-08:00', provisions: [] });
    expect((await read(clerk, id)).computed.pendingDeadlines.map((d: { purpose: string }) => d.purpose)).toEqual(['issue', 'emergency-order-filing']);
    await post(clerk, `/orders/${id}/court-filing`, { filedAt: '2026-03-03T10:30:00-08:00' }).expect(200);
    expect((await read(clerk, id)).computed.pendingDeadlines.map((d: { purpose: string }) => d.purpose)).toEqual(['issue']);
  });

  it('lists orders whose firearm receipt is overdue, and counts them in /metrics', async () => {
    h.clock.set('2026-03-03T19:00:00.000Z');
    const id = await add();
    await post(clerk, `/orders/${id}/services?wait=true`, {
      service: { serviceId: 'pos-9', servedAt: '2026-03-03T10:30:00-08:00', method: 'personal', servedBy: { name: 'K. Lund' }, servingAgencyOri: SHERIFF },
    }).expect(200);
    h.clock.set('2026-03-06T19:00:00.000Z');
    const overdue = await supervisor.agent.get('/api/v1/firearms/overdue').expect(200);
    expect(overdue.body.orders).toEqual([expect.objectContaining({ orderId: id, receiptDue: '2026-03-05T18:30:00.000Z' })]);
    expect((await clerk.agent.get('/api/v1/firearms/overdue')).status).toBe(403);
    const metrics = await h.admin.agent.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^ccpor_firearm_receipts_overdue 1$/m);
    h.clock.set('2026-03-03T19:00:00.000Z');
  });

  it('search hits carry the notice for an order in force never served', async () => {
    n += 1;
    const added = await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: `26FL00${n}`, restrainedPerson: { name: { last: surname(n), first: 'Dale' }, dateOfBirth: '1980-01-01' } }) }).expect(201);
    const id = added.body.orderId as string;
    const r = await clerk.agent.get(`/api/v1/search?lastName=${surname(n)}&role=restrained`).set('X-CCPOR-Wait-For', added.headers['x-ccpor-position'] as string).expect(200);
    const hit = r.body.hits.find((x: { orderId: string }) => x.orderId === id);
    expect(hit?.unservedNotice?.notice).toBe('Not served: tell the restrained person the terms, then enforce.');
  });
});

describe('a court’s own calendar (docs/law/calendar.md)', () => {
  const epo = () =>
    add({ form: 'EPO-001', issuedAt: '2026-03-07T10:00:00-08:00', provisions: [{ kind: 'no-contact' }] }, clerk).then((id) => read(clerk, id).then((b) => b.order.expiresAt as string));

  it('Gov. Code 68115 — the court’s administrator closes a day; the court’s next EPO counts around it; others may not', async () => {
    h.clock.set('2026-03-07T19:00:00.000Z');
    expect(await epo()).toBe('2026-03-13T17:00:00-07:00');
    expect((await post(otherAdmin, `/courts/${COURT}/closures`, { date: '2026-03-11', reason: 'Power outage', authority: 'gov-68115' })).status).toBe(403);
    expect((await post(clerk, `/courts/${COURT}/closures`, { date: '2026-03-11', reason: 'Power outage', authority: 'gov-68115' })).status).toBe(403);
    const closed = await post(courtAdmin, `/courts/${COURT}/closures`, { date: '2026-03-11', reason: 'Power outage', authority: 'gov-68115' }).expect(201);
    expect(closed.body).toMatchObject({ courtOri: COURT, closures: [{ date: '2026-03-11', authority: 'gov-68115' }], closeOfBusiness: '17:00:00' });
    expect(await epo()).toBe('2026-03-14T23:59:59-07:00');
    const twice = await post(courtAdmin, `/courts/${COURT}/closures`, { date: '2026-03-11', reason: 'again', authority: 'gov-68115' });
    expect(twice.status).toBe(409);
    const weekend = await post(courtAdmin, `/courts/${COURT}/closures`, { date: '2026-03-14', reason: 'Saturday', authority: 'other' });
    expect(weekend).toMatchObject({ status: 422, body: { code: 'COURT_ALREADY_CLOSED' } });
    await courtAdmin.agent.delete(`/api/v1/courts/${COURT}/closures/2026-03-11`).set('X-CSRF-Token', courtAdmin.csrf).send({ reason: 'reopened' }).expect(200);
    expect(await epo()).toBe('2026-03-13T17:00:00-07:00');
  });

  it('Fam. Code 6256 — a court that closes at 16:00 ends its EPOs then', async () => {
    await courtAdmin.agent.put(`/api/v1/courts/${COURT}/close-of-business`).set('X-CSRF-Token', courtAdmin.csrf).send({ time: '16:00' }).expect(200);
    const calendar = await clerk.agent.get(`/api/v1/courts/${COURT}/calendar`).expect(200);
    expect(calendar.body).toMatchObject({ courtOri: COURT, closeOfBusiness: '16:00:00' });
    expect(await epo()).toBe('2026-03-13T16:00:00-07:00');
    const early = await courtAdmin.agent.put(`/api/v1/courts/${COURT}/close-of-business`).set('X-CSRF-Token', courtAdmin.csrf).send({ time: '09:00' });
    expect(early).toMatchObject({ status: 422, body: { code: 'CLOSE_OF_BUSINESS_OUT_OF_RANGE' } });
  });
});
