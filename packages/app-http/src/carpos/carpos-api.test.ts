import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '@ccpor/domain';
import { sampleOrderInput, type DojSimulator } from '@ccpor/test-kit';
import { COURT, OTHER_COURT, SHERIFF, signIn, type Client, type Harness } from '../__tests__/harness';
import { createApp } from '../http/app';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { startCarposHarness, type CarposHarness } from './__tests__/carpos-harness';

/** A court whose orders the sheriff enters into CARPOS (the CCPOR Court Planning Guide's second entry sequence; docs/ccpor-programme.md). */
const SHERIFF_ENTERED_COURT = 'CA019016J';

let h: Harness;
let simulator: DojSimulator;
let app: Express;
let users = 0;
let cases = 0;

const user = async (role: Role, agencyOri: string, cletsCertified: boolean): Promise<Client> => {
  users += 1;
  const username = `carpos${role.replace(/[^a-z]/g, '')}${users}`;
  const created = await h.services.identity.createUser({ username, displayName: `Test ${role}`, agencyOri, roles: [role], cletsCertified }, SYSTEM_ACTOR);
  return signIn(app, username, created.oneTimePassword);
};
const get = (c: Client, path: string) => c.agent.get(`/api/v1${path}`);
const post = (c: Client, path: string, body: unknown = {}) => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).send(body as object);

const nextCase = (): string => `26FL${String(700_000 + (cases += 1))}`;
const addOrder = async (c: Client, overrides: Record<string, unknown> = {}): Promise<{ orderId: string; caseNumber: string }> => {
  const caseNumber = (overrides.caseNumber as string | undefined) ?? nextCase();
  const r = await post(c, '/orders', { details: sampleOrderInput({ caseNumber, ...overrides }) }).expect(201);
  return { orderId: r.body.orderId as string, caseNumber };
};
const dojRecord = (caseNumber: string) => simulator.records.all().find((r) => r.fields.get('PNO')?.[0] === caseNumber.replace(/[^A-Z0-9]/g, ''));
const eventTypes = async (orderId: string): Promise<string[]> => (await h.services.store.readStream(`order-${orderId}`)).map((e) => e.type);

const eventually = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
const entries = async (c: Client, path: string): Promise<{ orderId: string; [k: string]: unknown }[]> => (await get(c, path).expect(200)).body.entries;

let clerk: Client;
let certifiedClerk: Client;

let harness: CarposHarness;

beforeAll(async () => {
  harness = await startCarposHarness({ dispatch: { responseTimeoutMs: 300, maxAttempts: 3, retry: { initialMs: 20, maxMs: 50 } }, pollIntervalMs: 25 });
  ({ simulator, h, app } = harness);
  clerk = await user('court-clerk', COURT, false);
  certifiedClerk = await user('court-clerk', COURT, true);
}, 30_000);
afterAll(() => harness.close());

describe('CARPOS over the API, against the DOJ simulator', () => {
  it('reads the CLETS link settings from the environment', () => {
    expect(h.services.config.carpos).toEqual({ host: '127.0.0.1', port: simulator.port });
  });

  it('shows the DOJ queues only to CLETS-certified users', async () => {
    const r = await get(clerk, '/carpos/queues/pending').expect(403);
    expect(r.body.code).toBe('CLETS_CERTIFICATION_REQUIRED');
    await get(clerk, '/carpos/queues/review').expect(403);
    await get(certifiedClerk, '/carpos/queues/pending').expect(200);
    const status = await get(certifiedClerk, '/carpos/status').expect(200);
    expect(status.body).toMatchObject({ host: '127.0.0.1', port: simulator.port, tls: false });
  });

  it('keeps a certified user to their own agency’s queues', async () => {
    const r = await get(certifiedClerk, `/carpos/queues/pending?agencyOri=${OTHER_COURT}`).expect(403);
    expect(r.body.code).toBe('NOT_YOUR_AGENCY');
  });

  it('enters an order, lists the acknowledgement for review, and records the review as an audited event', async () => {
    const { orderId, caseNumber } = await addOrder(clerk);
    await eventually(async () => (await eventTypes(orderId)).includes('DojAcknowledgementRecorded'), 'the acknowledgement');
    expect(dojRecord(caseNumber)?.enteringOri).toBe(COURT);
    await eventually(async () => (await entries(certifiedClerk, '/carpos/queues/review')).some((e) => e.orderId === orderId), 'the review queue');
    const [entry] = (await entries(certifiedClerk, '/carpos/queues/review')).filter((e) => e.orderId === orderId);
    const messageId = (entry?.messageIds as string[])[0];

    await post(clerk, `/orders/${orderId}/doj-reviews`, { messageId, outcome: 'accurate' }).expect(403);
    await post(certifiedClerk, `/orders/${orderId}/doj-reviews`, { messageId, outcome: 'accurate' }).expect(200);
    const events = await h.services.store.readStream(`order-${orderId}`);
    const reviewed = events.find((e) => e.type === 'DojResponseReviewed');
    expect(reviewed?.metadata.actor).toMatchObject({ userId: certifiedClerk.username, agencyOri: COURT });
    await eventually(async () => !(await entries(certifiedClerk, '/carpos/queues/review')).some((e) => e.orderId === orderId), 'leaving the review queue');
  });

  it('leaves sealed orders out of the queues for everyone but supervisors', async () => {
    const supervisor = await user('supervisor', COURT, true);
    const { orderId } = await addOrder(supervisor, { sealed: true });
    const open = await addOrder(supervisor);
    await eventually(async () => (await entries(supervisor, '/carpos/queues/review')).filter((e) => e.orderId === orderId || e.orderId === open.orderId).length === 2, 'the supervisor’s review queue');
    const clerkSees = (await entries(certifiedClerk, '/carpos/queues/review')).map((e) => e.orderId);
    expect(clerkSees).toContain(open.orderId);
    expect(clerkSees).not.toContain(orderId);
  });

  it('refuses a court submitted by the sheriff unless it names a registered law-enforcement agency', async () => {
    const court = { ori: 'CA019017J', name: 'Superior Court of California, County of Los Angeles, Torrance', kind: 'superior-court', county: '19' };
    const missing = await post(h.admin, '/agencies', { ...court, carpos: { enabled: true, submitter: 'sheriff' } }).expect(400);
    expect(missing.body).toMatchObject({ code: 'CARPOS_SUBMITTER_ORI_REQUIRED', field: 'carpos.submitterOri' });
    const itself = await post(h.admin, '/agencies', { ...court, carpos: { enabled: true, submitter: 'sheriff', submitterOri: court.ori } }).expect(400);
    expect(itself.body).toMatchObject({ code: 'CARPOS_SUBMITTER_ORI_REQUIRED', field: 'carpos.submitterOri' });
    const aCourt = await post(h.admin, '/agencies', { ...court, carpos: { enabled: true, submitter: 'sheriff', submitterOri: OTHER_COURT } }).expect(400);
    expect(aCourt.body).toMatchObject({ code: 'CARPOS_SUBMITTER_UNKNOWN', field: 'carpos.submitterOri' });
    expect(aCourt.body.detail).toContain(OTHER_COURT);
    const patch = await h.admin.agent.patch(`/api/v1/agencies/${OTHER_COURT}`).set('X-CSRF-Token', h.admin.csrf).send({ carpos: { enabled: true, submitter: 'sheriff', submitterOri: 'CA0199999' } }).expect(400);
    expect(patch.body).toMatchObject({ code: 'CARPOS_SUBMITTER_UNKNOWN' });
    // Nothing was stored by the refusals; the named sheriff is accepted.
    await h.admin.agent.get(`/api/v1/agencies/${court.ori}`).expect(404);
    await post(h.admin, '/agencies', { ...court, carpos: { enabled: true, submitter: 'sheriff', submitterOri: SHERIFF } }).expect(201);
  });

  it('honours the agency setting: submitted by the sheriff under its ORI, or not through the registry at all', async () => {
    await post(h.admin, '/agencies', {
      ori: SHERIFF_ENTERED_COURT,
      name: 'Superior Court of California, County of Los Angeles, Pomona',
      kind: 'superior-court',
      county: '19',
      carpos: { enabled: true, submitter: 'sheriff', submitterOri: SHERIFF },
    }).expect(201);
    const patched = await h.admin.agent.patch(`/api/v1/agencies/${OTHER_COURT}`).set('X-CSRF-Token', h.admin.csrf).send({ carpos: { enabled: false } }).expect(200);
    expect(patched.body.carpos).toEqual({ enabled: false });

    const pomona = await user('court-clerk', SHERIFF_ENTERED_COURT, false);
    const sheriffDesk = await user('lea-data-entry', SHERIFF, true);
    const orange = await user('court-clerk', OTHER_COURT, false);
    const viaSheriff = await addOrder(pomona, { court: { ori: SHERIFF_ENTERED_COURT, county: '19', name: 'Superior Court of California, County of Los Angeles, Pomona' } });
    const keyedAtOrange = await addOrder(orange, { court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' } });

    await eventually(async () => (await eventTypes(viaSheriff.orderId)).includes('DojAcknowledgementRecorded'), 'the sheriff-entered order');
    expect(dojRecord(viaSheriff.caseNumber)?.enteringOri).toBe(SHERIFF);
    // The sheriff's certified staff see the court's order in their review queue: they submitted it.
    await eventually(async () => (await entries(sheriffDesk, '/carpos/queues/review')).some((e) => e.orderId === viaSheriff.orderId), 'the sheriff’s review queue');
    // The Orange court keys its own orders into CLETS: by the time a later order is acknowledged, nothing of it has gone.
    const later = await addOrder(clerk);
    await eventually(async () => (await eventTypes(later.orderId)).includes('DojAcknowledgementRecorded'), 'a later order');
    expect(dojRecord(keyedAtOrange.caseNumber)).toBeUndefined();
    expect(await eventTypes(keyedAtOrange.orderId)).toEqual(['OrderAdded']);
  });

  it('holds an order missing DOJ data as awaiting data, lists it as overdue after a business day, and counts it in /metrics', async () => {
    const { restrainedPerson } = sampleOrderInput() as { restrainedPerson: Record<string, unknown> };
    const { dateOfBirth: _dob, ...withoutDob } = restrainedPerson;
    const { orderId } = await addOrder(clerk, { restrainedPerson: withoutDob });
    await eventually(async () => (await entries(certifiedClerk, '/carpos/queues/awaiting-data')).some((e) => e.orderId === orderId), 'the awaiting-data queue');
    const [held] = (await entries(certifiedClerk, '/carpos/queues/awaiting-data')).filter((e) => e.orderId === orderId);
    expect((held?.missing as { field: string }[]).map((m) => m.field)).toEqual(['restrainedPerson.dateOfBirth']);

    // Issued Monday 2 March 2026 10:15 PST: due by the end of the next court day.
    h.clock.set('2026-03-03T12:00:00.000Z');
    expect((await entries(certifiedClerk, '/carpos/overdue')).some((e) => e.orderId === orderId)).toBe(false);
    h.clock.set('2026-03-06T18:00:00.000Z');
    const overdue = (await entries(certifiedClerk, '/carpos/overdue')).filter((e) => e.orderId === orderId);
    expect(overdue).toEqual([expect.objectContaining({ orderId, reason: 'awaiting-data', agencyOri: COURT, deadlineId: 'd1', purpose: 'issue', sentAt: null })]);
    const metrics = await request(app).get('/metrics').expect(200);
    const gauge = /^ccpor_carpos_overdue_orders (\d+)$/m.exec(metrics.text);
    expect(Number(gauge?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics.text).toMatch(/^ccpor_carpos_queue_rows\{queue="awaiting-data"\} [1-9]/m);
    expect(metrics.text).toMatch(/^ccpor_carpos_link_up 1$/m);

    const latency = await get(certifiedClerk, '/carpos/latency').expect(200);
    expect(latency.body.agencies).toEqual([expect.objectContaining({ agencyOri: COURT, overdue: expect.any(Number) })]);
    expect(latency.body.agencies[0].count).toBeGreaterThanOrEqual(2);
    // Timeliness per purpose, as sent to CLETS and as acknowledged by DOJ (Fam. Code 6380).
    const timeliness = await get(certifiedClerk, '/carpos/timeliness').expect(200);
    expect(timeliness.body.agencies).toEqual(expect.arrayContaining([expect.objectContaining({ agencyOri: COURT, purpose: 'issue', overdue: expect.any(Number), sentInTime: expect.any(Number) })]));
  });

  it('puts a rejected order in the correction queue and takes it out once the corrected order is acknowledged', async () => {
    // The simulated DOJ refuses a second active record for the same case and restrained person.
    const caseNumber = nextCase();
    const first = await addOrder(clerk, { caseNumber });
    await eventually(async () => (await eventTypes(first.orderId)).includes('DojAcknowledgementRecorded'), 'the first order');
    const second = await addOrder(clerk, { caseNumber });
    await eventually(async () => (await entries(certifiedClerk, '/carpos/queues/rejected')).some((e) => e.orderId === second.orderId), 'the correction queue');
    const [rejected] = (await entries(certifiedClerk, '/carpos/queues/rejected')).filter((e) => e.orderId === second.orderId);
    expect(rejected?.response).toMatchObject({ key: 'REJ' });
    // DOJ's reject in words, next to the registry field it concerns.
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ reasonCode: 'DUP', reason: 'Duplicate record already on file', carposField: 'PNO', field: 'caseNumber', message: expect.stringContaining('DUPLICATE OF ACTIVE RECORD') }),
    ]);

    const version = (await h.services.store.readStream(`order-${second.orderId}`)).length;
    await post(clerk, `/orders/${second.orderId}/modifications`, {
      changes: { restrainedPerson: { name: { last: 'Rivera', first: 'David' }, dateOfBirth: '1991-01-01', sex: 'M', race: 'H', height: '600', weight: '170', hair: 'BRO' } },
      reason: 'DOJ reject: a different restrained person',
    })
      .set('If-Match', `"${version}"`)
      .expect(200);
    await eventually(async () => (await eventTypes(second.orderId)).includes('DojAcknowledgementRecorded'), 'the corrected enter');
    await eventually(async () => !(await entries(certifiedClerk, '/carpos/queues/rejected')).some((e) => e.orderId === second.orderId), 'leaving the correction queue');
  });

  it('dead-letters a message DOJ never answers, and a certified clerk of the agency retries it', async () => {
    simulator.setFaults({ drop: { probability: 1 } });
    const { orderId } = await addOrder(clerk);
    await eventually(async () => (await entries(certifiedClerk, '/carpos/queues/dead-letter')).some((e) => e.orderId === orderId), 'the dead letter');
    const [dead] = (await entries(certifiedClerk, '/carpos/queues/dead-letter')).filter((e) => e.orderId === orderId);
    expect(dead).toMatchObject({ attempts: 3, status: 'dead', transaction: 'enter' });
    simulator.setFaults(undefined);

    const otherAgency = await user('court-clerk', OTHER_COURT, true);
    expect((await post(clerk, `/carpos/queues/dead-letter/${String(dead?.id)}/retry`).expect(403)).body.code).toBe('CLETS_CERTIFICATION_REQUIRED');
    expect((await post(otherAgency, `/carpos/queues/dead-letter/${String(dead?.id)}/retry`).expect(403)).body.code).toBe('NOT_YOUR_AGENCY');
    const retried = await post(certifiedClerk, `/carpos/queues/dead-letter/${String(dead?.id)}/retry`).expect(200);
    expect(retried.body).toMatchObject({ id: dead?.id, attempts: expect.any(Number) });
    expect(['pending', 'in-flight', 'acknowledged']).toContain(retried.body.status);
    await eventually(async () => (await eventTypes(orderId)).includes('DojAcknowledgementRecorded'), 'the acknowledgement after the retry');
    expect((await post(certifiedClerk, `/carpos/queues/dead-letter/${String(dead?.id)}/retry`).expect(409)).body.code).toBe('NOT_DEAD_LETTERED');
    await post(certifiedClerk, '/carpos/queues/dead-letter/x1/retry').expect(400);
  });

  it('answers 503 when the registry runs without the gateway', async () => {
    const withoutGateway = createApp(h.services).app;
    const c = await signIn(withoutGateway, h.admin.username, `${h.admin.username}-long-password-1`);
    await h.services.identity.setRoles(h.admin.username, ['state-admin'], true, SYSTEM_ACTOR);
    const r = await c.agent.get('/api/v1/carpos/queues/pending').expect(503);
    expect(r.body.code).toBe('CARPOS_GATEWAY_OFF');
  });
});
