import type { Express } from 'express';
import type { Role } from '@ccpor/domain';
import { sampleOrderInput, type DojSimulator } from '@ccpor/test-kit';
import * as E from 'fp-ts/Either';
import { COURT, NOW, OTHER_COURT, signIn, type Client, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { startCarposHarness, type CarposHarness } from './__tests__/carpos-harness';
import { CletsAudit } from './clets-audit';

// Reconciliation over the API against the DOJ simulator over TCP (ADR 0013): who may start and
// read it, its report per court, its fixes and the CSV.

let harness: CarposHarness;
let h: Harness;
let app: Express;
let simulator: DojSimulator;
let users = 0;
let cases = 0;
let clerk: Client;
let certified: Client;
let orangeCertified: Client;
let stateAdmin: Client;
let changed: { orderId: string; caseNumber: string };

const user = async (role: Role, agencyOri: string, cletsCertified: boolean): Promise<Client> => {
  users += 1;
  const username = `recon${role.replace(/[^a-z]/g, '')}${users}`;
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
const acks = async (orderId: string): Promise<number> => (await h.services.store.readStream(`order-${orderId}`)).filter((e) => e.type === 'DojAcknowledgementRecorded').length;
const addAcknowledgedOrder = async (c: Client): Promise<{ orderId: string; caseNumber: string }> => {
  cases += 1;
  const caseNumber = `26FL${String(900_000 + cases)}`;
  const r = await post(c, '/orders', { details: sampleOrderInput({ caseNumber }) }).expect(201);
  const orderId = r.body.orderId as string;
  await eventually(async () => (await acks(orderId)) === 1, 'the acknowledgement');
  return { orderId, caseNumber };
};
const finished = async (c: Client, runId: string): Promise<Record<string, unknown>> => {
  let run: Record<string, unknown> = {};
  await eventually(async () => {
    run = (await get(c, `/carpos/reconciliations/${runId}`).expect(200)).body;
    return run.status !== 'running';
  }, `reconciliation ${runId}`);
  return run;
};

beforeAll(async () => {
  harness = await startCarposHarness({ dispatch: { responseTimeoutMs: 300, maxAttempts: 3, retry: { initialMs: 20, maxMs: 50 } }, pollIntervalMs: 25, queries: { pageTimeoutMs: 1_000 } }, { now: () => new Date(NOW) });
  ({ simulator, h, app } = harness);
  clerk = await user('court-clerk', COURT, false);
  certified = await user('court-clerk', COURT, true);
  orangeCertified = await user('court-clerk', OTHER_COURT, true);
  stateAdmin = await user('state-admin', 'CASTATE00', true);
  await addAcknowledgedOrder(clerk);
  changed = await addAcknowledgedOrder(clerk);
  // DOJ holds the second order with another expiry, and an LA record the registry does not have.
  simulator.records.all().find((r) => r.fields.get('PNO')?.[0] === changed.caseNumber)?.fields.set('EXP', ['20310101']);
  const seeded = simulator.seed([
    {
      enteringOri: 'CA0194200',
      fields: { NAM: 'OKAFOR,CHIDI', SEX: 'M', RAC: 'B', DOB: '19790505', HGT: '602', WGT: '190', HAI: 'BLK', OCA: '26FL555555', PNO: '26FL555555', CTI: COURT, ISD: '20260201', EXP: '20290201', PPN: 'OKAFOR,ADA' },
    },
  ]);
  if (E.isLeft(seeded)) throw new Error(JSON.stringify(seeded.left));
}, 60_000);
afterAll(() => harness.close());

describe('reconciliation over the API', () => {
  it('lets only CLETS-certified staff reconcile their own court, and only a state administrator the state', async () => {
    expect((await post(clerk, '/carpos/reconciliations', { courtOri: COURT }).expect(403)).body.code).toBe('CLETS_CERTIFICATION_REQUIRED');
    expect((await post(certified, '/carpos/reconciliations', { courtOri: OTHER_COURT }).expect(403)).body.code).toBe('NOT_YOUR_AGENCY');
    expect((await post(certified, '/carpos/reconciliations', {}).expect(403)).body.code).toBe('ROLE_NOT_PERMITTED');
    expect((await get(clerk, '/carpos/reconciliations').expect(403)).body.code).toBe('CLETS_CERTIFICATION_REQUIRED');
  });

  it('reconciles a court: the differences per kind, each with the command that fixes it; the fix sends the order to DOJ again', async () => {
    const started = await post(certified, '/carpos/reconciliations', { courtOri: COURT }).expect(202);
    expect(started.headers.location).toBe(`/api/v1/carpos/reconciliations/${started.body.id as string}`);
    expect(started.body).toMatchObject({ scope: 'court', courtOri: COURT, trigger: 'on-demand', status: 'running', requestedBy: { userId: certified.username } });
    const run = await finished(certified, started.body.id as string);
    expect(run).toMatchObject({ status: 'completed', dojRecords: 3, differences: 2, courts: [{ courtOri: COURT, phase: 'done', differences: { 'absent-at-doj': 0, different: 1, 'inactive-in-registry': 0, 'only-at-doj': 1 } }] });

    const differences = await get(certified, `/carpos/reconciliations/${started.body.id as string}/differences`).expect(200);
    expect(differences.body.withheld).toBe(0);
    const different = (differences.body.entries as { kind: string; orderId: string; fields: unknown[]; fixes: { action: string; href?: string; body?: unknown; method?: string }[] }[]).find((d) => d.kind === 'different');
    expect(different).toMatchObject({ orderId: changed.orderId, fields: [{ field: 'EXP', doj: '20310101' }] });
    const resend = different?.fixes.find((f) => f.action === 'resend-modify');
    expect(resend).toEqual(expect.objectContaining({ method: 'POST', href: `/api/v1/carpos/orders/${changed.orderId}/resend`, body: { transaction: 'modify' } }));
    expect(different?.fixes.find((f) => f.action === 'modify-order')).toEqual(expect.objectContaining({ href: `/api/v1/orders/${changed.orderId}/modifications` }));
    const only = (differences.body.entries as { kind: string; doj: { caseNumber: string } }[]).find((d) => d.kind === 'only-at-doj');
    expect(only?.doj.caseNumber).toBe('26FL555555');

    // The fix: the clerk follows the link; DOJ gets the registry's record back.
    await post(clerk, (resend?.href ?? '').replace('/api/v1', ''), resend?.body).expect(403);
    const queued = await post(certified, (resend?.href ?? '').replace('/api/v1', ''), resend?.body).expect(202);
    expect(queued.body).toMatchObject({ transaction: 'modify', orderId: changed.orderId });
    await eventually(async () => (await acks(changed.orderId)) === 2, 'the modify acknowledged');
    expect(simulator.records.all().find((r) => r.fields.get('PNO')?.[0] === changed.caseNumber)?.fields.get('EXP')).not.toEqual(['20310101']);
    const again = await post(certified, `/carpos/orders/${changed.orderId}/resend`, { transaction: 'enter' }).expect(409);
    expect(again.body.code).toBe('ALREADY_NUMBERED');
  });

  it('exports the report as CSV, audited as CLETS data', async () => {
    const runs = (await get(certified, '/carpos/reconciliations').expect(200)).body.entries as { id: string }[];
    const runId = runs[0]?.id ?? '';
    const csv = await get(certified, `/carpos/reconciliations/${runId}/report.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="carpos-reconciliation-${runId}.csv"`);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('court_ori,kind,order_id,fcn,nic,case_number,field,registry_value,doj_value,registry_status,doj_status,fixes');
    expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(['different', 'only-at-doj']);
    const audited = (await new CletsAudit(h.services.store, h.clock, h.services.ids).day(NOW.slice(0, 10))).filter((r) => r.runId === runId).map((r) => r.action);
    expect(audited).toEqual(['carpos.reconciliation.start', 'carpos.reconciliation.view', 'carpos.reconciliation.export']);
  });

  it('keeps a court’s report to that court’s staff (and state administrators); a state run shows each court only its own findings', async () => {
    const runs = (await get(certified, '/carpos/reconciliations').expect(200)).body.entries as { id: string }[];
    const laRun = runs[0]?.id ?? '';
    await get(orangeCertified, `/carpos/reconciliations/${laRun}`).expect(404);
    await get(stateAdmin, `/carpos/reconciliations/${laRun}/differences`).expect(200);

    const state = await post(stateAdmin, '/carpos/reconciliations', {}).expect(202);
    const run = await finished(stateAdmin, state.body.id as string);
    expect(run).toMatchObject({ scope: 'state', status: 'completed' });
    expect((run.courts as { courtOri: string }[]).map((c) => c.courtOri)).toEqual(expect.arrayContaining([COURT, OTHER_COURT]));
    const orangeView = await get(orangeCertified, `/carpos/reconciliations/${state.body.id as string}`).expect(200);
    expect((orangeView.body.courts as { courtOri: string }[]).map((c) => c.courtOri)).toEqual([OTHER_COURT]);
    const orangeDifferences = await get(orangeCertified, `/carpos/reconciliations/${state.body.id as string}/differences`).expect(200);
    expect(orangeDifferences.body.entries).toEqual([]);
    const laDifferences = await get(certified, `/carpos/reconciliations/${state.body.id as string}/differences?kind=only-at-doj`).expect(200);
    expect(laDifferences.body.entries.map((d: { kind: string }) => d.kind)).toEqual(['only-at-doj']);
  });

  it('refuses bad filters naming them', async () => {
    const r = await get(certified, '/carpos/reconciliations/1/differences?kind=odd').expect(400);
    expect(r.body.field).toBe('kind');
    await get(certified, '/carpos/reconciliations/99999/differences').expect(404);
  });
});
