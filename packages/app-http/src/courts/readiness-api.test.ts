import type { Express } from 'express';
import { COURT, OTHER_COURT, signIn, startHarness, type Client, type Harness } from '../__tests__/harness';
import { startCarposHarness, type CarposHarness } from '../carpos/__tests__/carpos-harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';

/** A court's go-live readiness and its acceptance-testing run, against the DOJ simulator. */
let harness: CarposHarness;
let h: Harness;
let app: Express;
let localAdmin: Client;
let users = 0;

const user = async (role: 'local-admin' | 'court-clerk', agencyOri: string, cletsCertified = false): Promise<Client> => {
  users += 1;
  const username = `ready${role.replace(/[^a-z]/g, '')}${users}`;
  const created = await h.services.identity.createUser({ username, displayName: `Test ${role}`, agencyOri, roles: [role], cletsCertified }, SYSTEM_ACTOR);
  return signIn(app, username, created.oneTimePassword);
};
const lines = (body: { lines: { id: string; answer: string }[] }) => Object.fromEntries(body.lines.map((l) => [l.id, l.answer]));

beforeAll(async () => {
  harness = await startCarposHarness({ dispatch: { responseTimeoutMs: 500, maxAttempts: 3, retry: { initialMs: 20, maxMs: 50 } }, pollIntervalMs: 25 }, {}, { CCPOR_ACCEPTANCE_TESTING: 'true' });
  ({ h, app } = harness);
  localAdmin = await user('local-admin', COURT);
}, 120_000);
afterAll(() => harness.close());

describe('go-live readiness', () => {
  it('answers each line from the registry’s data, to the court’s own local administrator only', async () => {
    const before = await localAdmin.agent.get(`/api/v1/agencies/${COURT}/readiness`).expect(200);
    expect(lines(before.body)).toEqual({ 'sign-in': 'yes', 'court-profile': 'yes', 'test-scan': 'not-applicable', 'acceptance-testing': 'no', users: 'no', 'clets-users': 'no' });
    expect(before.body.ready).toBe(false);
    expect(before.body.acceptanceTesting).toEqual({ available: true, lastRun: null });

    await user('court-clerk', COURT, true);
    const after = await localAdmin.agent.get(`/api/v1/agencies/${COURT}/readiness`).expect(200);
    expect(lines(after.body)).toMatchObject({ users: 'yes', 'clets-users': 'yes' });

    const other = await localAdmin.agent.get(`/api/v1/agencies/${OTHER_COURT}/readiness`).expect(403);
    expect(other.body.code).toBe('NOT_YOUR_AGENCY');
    const clerk = await user('court-clerk', COURT);
    await clerk.agent.get(`/api/v1/agencies/${COURT}/readiness`).expect(403);
    await localAdmin.agent.get('/api/v1/agencies/nonsense/readiness').expect(400);
  });

  it('runs the acceptance test: an order of each type acknowledged by the simulator, the result kept and recorded with who ran it', async () => {
    const r = await localAdmin.agent.post(`/api/v1/agencies/${COURT}/acceptance-runs`).set('X-CSRF-Token', localAdmin.csrf).send({}).expect(201);
    const run = r.body.acceptanceTesting.lastRun;
    expect(run.passed).toBe(true);
    expect(run.ranBy).toBe(localAdmin.username);
    expect(run.results.map((x: { orderType: string }) => x.orderType).sort()).toEqual(['CH', 'DV', 'EA', 'GV', 'WV']);
    expect(run.results.every((x: { outcome: string; fcn?: string }) => x.outcome === 'acknowledged' && typeof x.fcn === 'string')).toBe(true);
    expect(lines(r.body)['acceptance-testing']).toBe('yes');
    // Kept: read again, and in the agency's stream with the administrator as actor.
    const again = await localAdmin.agent.get(`/api/v1/agencies/${COURT}/readiness`).expect(200);
    expect(again.body.acceptanceTesting.lastRun.runId).toBe(run.runId);
    const events = await h.services.store.readStream(`agency-${COURT}`);
    expect(events.find((e) => e.type === 'AgencyAcceptanceRunRecorded')?.metadata.actor.userId).toBe(localAdmin.username);
    // The agency list everyone reads does not carry the run.
    const listed = await localAdmin.agent.get('/api/v1/agencies').expect(200);
    expect(listed.body.agencies.find((a: { ori: string }) => a.ori === COURT)).not.toHaveProperty('acceptance');
  }, 60_000);

  it('refuses an acceptance run where acceptance testing is off', async () => {
    const plain = await startHarness();
    try {
      const r = await plain.admin.agent.post(`/api/v1/agencies/${COURT}/acceptance-runs`).set('X-CSRF-Token', plain.admin.csrf).send({}).expect(409);
      expect(r.body.code).toBe('ACCEPTANCE_TESTING_OFF');
    } finally {
      await plain.close();
    }
  });
});
