import type { Express } from 'express';
import type { Role } from '@ccpor/domain';
import { sampleOrderInput, type DojSimulator } from '@ccpor/test-kit';
import * as E from 'fp-ts/Either';
import { COURT, NOW, OTHER_COURT, signIn, type Client, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { startCarposHarness, type CarposHarness } from './__tests__/carpos-harness';
import { CletsAudit, type CletsAuditRecord } from './clets-audit';

// CARPOS queries over the API against the DOJ simulator over TCP (ADR 0012, 0014).

const ORANGE_SHERIFF = 'CA0300000';

let harness: CarposHarness;
let h: Harness;
let app: Express;
let simulator: DojSimulator;
let users = 0;
let cases = 0;
let clerk: Client;
let certified: Client;
let supervisor: Client;
let laOrder: { orderId: string; caseNumber: string };
let laFcn: string;

const user = async (role: Role, agencyOri: string, cletsCertified: boolean): Promise<Client> => {
  users += 1;
  const username = `query${role.replace(/[^a-z]/g, '')}${users}`;
  const created = await h.services.identity.createUser({ username, displayName: `Test ${role}`, agencyOri, roles: [role], cletsCertified }, SYSTEM_ACTOR);
  return signIn(app, username, created.oneTimePassword);
};
const post = (c: Client, path: string, body: unknown = {}) => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).send(body as object);
const get = (c: Client, path: string) => c.agent.get(`/api/v1${path}`);
const eventually = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
const addAcknowledgedOrder = async (c: Client, overrides: Record<string, unknown> = {}): Promise<{ orderId: string; caseNumber: string; fcn: string }> => {
  cases += 1;
  const caseNumber = `26FL${String(800_000 + cases)}`;
  const r = await post(c, '/orders', { details: sampleOrderInput({ caseNumber, ...overrides }) }).expect(201);
  const orderId = r.body.orderId as string;
  await eventually(async () => (await h.services.store.readStream(`order-${orderId}`)).some((e) => e.type === 'DojAcknowledgementRecorded'), 'the acknowledgement');
  const fcn = simulator.records.all().find((x) => x.fields.get('PNO')?.[0] === caseNumber)?.fcn ?? '';
  return { orderId, caseNumber, fcn };
};
const cletsAudit = async (): Promise<CletsAuditRecord[]> => new CletsAudit(h.services.store, h.clock, h.services.ids).day(NOW.slice(0, 10));
const received = (key: string): number => simulator.exchanges.filter((x) => x.kind === 'received' && x.message?.key === key).length;

beforeAll(async () => {
  harness = await startCarposHarness({ dispatch: { responseTimeoutMs: 300, maxAttempts: 3, retry: { initialMs: 20, maxMs: 50 } }, pollIntervalMs: 25, queries: { pageTimeoutMs: 1_000 } }, { now: () => new Date(NOW) });
  ({ simulator, h, app } = harness);
  clerk = await user('court-clerk', COURT, false);
  certified = await user('court-clerk', COURT, true);
  supervisor = await user('supervisor', COURT, true);
  const added = await addAcknowledgedOrder(clerk);
  laOrder = added;
  laFcn = added.fcn;
  // Orange County keyed an order about the same man at a CLETS terminal: the registry never saw it.
  const seeded = simulator.seed([
    {
      enteringOri: ORANGE_SHERIFF,
      fields: { NAM: 'RIVERA,DANIEL JAMES', SEX: 'M', RAC: 'H', DOB: '19880714', HGT: '510', WGT: '185', HAI: 'BLK', OCA: '26OC4444', PNO: '26OC4444', CTI: OTHER_COURT, ISD: '20260201', EXP: '20290201', PPN: 'MORALES,LUISA' },
    },
  ]);
  if (E.isLeft(seeded)) throw new Error(JSON.stringify(seeded.left));
}, 60_000);
afterAll(() => harness.close());

describe('POST /carpos/queries', () => {
  it('refuses a user who is not CLETS-certified, audits the refusal, and sends nothing to DOJ', async () => {
    const before = received('QPO');
    const r = await post(clerk, '/carpos/queries', { name: { last: 'Rivera', first: 'Daniel' }, dateOfBirth: '1988-07-14' }).expect(403);
    expect(r.body.code).toBe('CLETS_CERTIFICATION_REQUIRED');
    expect(received('QPO')).toBe(before);
    await h.services.audit.flush();
    const decisions = (await h.services.store.readStream(`access-audit-${NOW.slice(0, 10)}`)).flatMap((e) => (e.data as { decisions: { action: string; allowed: boolean; principal: { userId: string } }[] }).decisions);
    expect(decisions).toContainEqual(expect.objectContaining({ action: 'doj.query', allowed: false, principal: expect.objectContaining({ userId: clerk.username }) }));
  });

  it('a person with orders in two counties: the LA record matched to its registry order, the Orange record only at DOJ, with the registry’s own search beside it', async () => {
    const r = await post(certified, '/carpos/queries', { name: { last: 'Rivera', first: 'Daniel' }, dateOfBirth: '1988-07-14' }).expect(200);
    expect(r.body).toMatchObject({ total: 2, withheld: 0, asked: { form: 'name and date of birth', name: 'RIVERA,DANIEL', dateOfBirth: '1988-07-14' } });
    expect(r.body.registrySearch).toEqual({ method: 'GET', href: '/api/v1/search?lastName=RIVERA&firstName=DANIEL&dateOfBirth=1988-07-14' });
    const byCourt = new Map((r.body.records as { record: { courtOri: string }; match: Record<string, unknown> }[]).map((x) => [x.record.courtOri, x]));
    expect(byCourt.get(COURT)).toMatchObject({ record: { fcn: laFcn, status: 'active', enteringAgencyOri: COURT }, match: { kind: 'registry-order', by: 'fcn', registry: { orderId: laOrder.orderId }, differences: [] } });
    expect(byCourt.get(OTHER_COURT)).toMatchObject({
      record: { enteringAgencyOri: ORANGE_SHERIFF, caseNumber: '26OC4444', status: 'active' },
      match: { kind: 'only-at-doj', fixes: [{ action: 'draft-order', method: 'POST', href: '/api/v1/orders/drafts' }] },
    });
  });

  it('answers each form: record number (FCN, NIC) and court case; no record is an empty answer', async () => {
    const byFcn = await post(certified, '/carpos/queries', { fcn: laFcn }).expect(200);
    expect(byFcn.body.records.map((x: { record: { fcn: string } }) => x.record.fcn)).toEqual([laFcn]);
    const nic = byFcn.body.records[0].record.nic as string;
    expect((await post(certified, '/carpos/queries', { nic }).expect(200)).body.records).toHaveLength(1);
    const byCase = await post(certified, '/carpos/queries', { caseNumber: laOrder.caseNumber, courtOri: COURT }).expect(200);
    expect(byCase.body.records[0].match).toMatchObject({ kind: 'registry-order', registry: { orderId: laOrder.orderId } });
    const none = await post(certified, '/carpos/queries', { name: { last: 'Nobody', first: 'Here' }, dateOfBirth: '1970-01-01' }).expect(200);
    expect(none.body).toMatchObject({ total: 0, records: [] });
  });

  it.each([
    [{}, 'QUERY_FORM_REQUIRED', 'name'],
    [{ fcn: '2320000000001', caseNumber: '26FL1' }, 'QUERY_FORMS_MIXED', 'fcn'],
    [{ name: { last: 'Rivera', first: 'Daniel' } }, 'INVALID_VALUE', 'dateOfBirth'],
    [{ caseNumber: '26FL1' }, 'INVALID_VALUE', 'courtOri'],
    [{ fcn: '12345' }, 'INVALID_VALUE', 'fcn'],
    [{ fcn: '2320000000001', continuation: 'not-a-token' }, 'INVALID_VALUE', 'continuation'],
  ])('refuses %j with %s naming %s, before anything goes to DOJ', async (body, code, field) => {
    const before = received('QPO');
    const r = await post(certified, '/carpos/queries', body).expect(400);
    expect(r.body).toMatchObject({ code, field });
    expect(received('QPO')).toBe(before);
  });

  it('passes DOJ’s reject on as 422 with DOJ’s code', async () => {
    const r = await post(certified, '/carpos/queries', { name: { last: 'Rivera', first: 'Daniel' }, dateOfBirth: '1988-07-14', continuation: 'BOGUS1' }).expect(422);
    expect(r.body).toMatchObject({ code: 'CARPOS_QUERY_REJECTED', dojCode: 'TOK', dojField: 'CTK' });
  });

  it('audits every query as CLETS data: who asked, when, what, under which ORI, and which records were shown', async () => {
    const asked = await post(certified, '/carpos/queries', { caseNumber: laOrder.caseNumber, courtOri: COURT }).expect(200);
    const records = (await cletsAudit()).filter((r) => r.principal.userId === certified.username);
    const query = records.filter((r) => r.action === 'carpos.query');
    const views = records.filter((r) => r.action === 'carpos.answer.view');
    // One asking and one answer viewed for every query this user made, the rejected one included.
    expect(query.length).toBe(views.length);
    expect(query.length).toBeGreaterThanOrEqual(7);
    expect(query[query.length - 1]).toMatchObject({ at: NOW, queryOri: COURT, asked: { form: 'case number and court', caseNumber: laOrder.caseNumber, courtOri: COURT }, route: 'POST /api/v1/carpos/queries' });
    expect(views[views.length - 1]).toMatchObject({ messageId: asked.body.messageId, outcome: { kind: 'answered', records: 1, fcns: [laFcn] } });
    expect(views.some((v) => v.outcome?.kind === 'rejected' && v.outcome.code === 'TOK')).toBe(true);
    // The uncertified user's refused attempt never reached the CLETS audit: nothing was asked.
    expect((await cletsAudit()).some((r) => r.principal.userId === clerk.username)).toBe(false);
  });

  it('withholds a sealed registry order from all but supervisors, as for the registry’s own', async () => {
    const sealed = await addAcknowledgedOrder(supervisor, { sealed: true });
    const asClerk = await post(certified, '/carpos/queries', { fcn: sealed.fcn }).expect(200);
    expect(asClerk.body).toMatchObject({ withheld: 1, records: [{ record: { fcn: sealed.fcn }, match: { kind: 'withheld' } }] });
    expect(JSON.stringify(asClerk.body)).not.toContain(sealed.orderId);
    const asSupervisor = await post(supervisor, '/carpos/queries', { fcn: sealed.fcn }).expect(200);
    expect(asSupervisor.body).toMatchObject({ withheld: 0, records: [{ match: { kind: 'registry-order', registry: { orderId: sealed.orderId, sealed: true } } }] });
    await h.services.audit.flush();
    const decisions = (await h.services.store.readStream(`access-audit-${NOW.slice(0, 10)}`)).flatMap((e) => (e.data as { decisions: { action: string; allowed: boolean; orderId?: string }[] }).decisions);
    expect(decisions).toContainEqual(expect.objectContaining({ action: 'order.read.related', allowed: false, orderId: sealed.orderId }));
  });

  it('keeps an answer only if a record is attached to an order: attached, listed, audited; someone else cannot use the answer', async () => {
    const asked = await post(certified, '/carpos/queries', { name: { last: 'Rivera', first: 'Daniel' }, dateOfBirth: '1988-07-14' }).expect(200);
    const orange = (asked.body.records as { record: { fcn: string; courtOri: string } }[]).find((x) => x.record.courtOri === OTHER_COURT)?.record.fcn ?? '';
    const path = `/carpos/queries/${asked.body.answerId as string}/records/${orange}/attachments`;
    await post(supervisor, path, { orderId: laOrder.orderId }).expect(404);
    await post(certified, `/carpos/queries/${asked.body.answerId as string}/records/9999999999999/attachments`, { orderId: laOrder.orderId }).expect(404);
    const attached = await post(certified, path, { orderId: laOrder.orderId }).expect(201);
    expect(attached.body).toMatchObject({ orderId: laOrder.orderId, fcn: orange, queryMessageId: asked.body.messageId, record: { caseNumber: '26OC4444' }, attachedBy: { userId: certified.username } });
    await post(certified, path, { orderId: laOrder.orderId }).expect(200);
    const listed = await get(certified, `/orders/${laOrder.orderId}/carpos-records`).expect(200);
    expect(listed.body.entries.map((x: { fcn: string }) => x.fcn)).toEqual([orange]);
    await get(clerk, `/orders/${laOrder.orderId}/carpos-records`).expect(403);
    const actions = (await cletsAudit()).filter((r) => r.orderId === laOrder.orderId).map((r) => r.action);
    expect(actions).toEqual(['carpos.record.attach', 'carpos.record.attach', 'carpos.record.view']);
  });

  it('answers 503 when the registry runs without the gateway', async () => {
    const alone = await signIn(h.app, certified.username, `${certified.username}-long-password-1`);
    const r = await alone.agent.post('/api/v1/carpos/queries').set('X-CSRF-Token', alone.csrf).send({ fcn: laFcn }).expect(503);
    expect(r.body.code).toBe('CARPOS_GATEWAY_OFF');
  });
});
