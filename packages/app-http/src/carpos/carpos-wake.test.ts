import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, signIn } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { startCarposHarness, type CarposHarness } from './__tests__/carpos-harness';

/**
 * An order command wakes the gateway of its process: the order goes to DOJ at once, not at the
 * gateway's next poll (here a minute away, so only the wake-up can explain a prompt answer).
 */
let harness: CarposHarness;

beforeAll(async () => {
  harness = await startCarposHarness({ dispatch: { responseTimeoutMs: 2_000, maxAttempts: 3, retry: { initialMs: 20, maxMs: 50 } }, pollIntervalMs: 60_000 });
}, 30_000);
afterAll(() => harness.close());

it('sends an added order to DOJ without waiting for the gateway’s poll', async () => {
  const { h, app, simulator } = harness;
  const { oneTimePassword } = await h.services.identity.createUser({ username: 'wake.clerk', displayName: 'Wake Clerk', agencyOri: COURT, roles: ['court-clerk'], cletsCertified: false }, SYSTEM_ACTOR);
  const clerk = await signIn(app, 'wake.clerk', oneTimePassword);
  const caseNumber = 'WAKE-0001';
  // Let the gateway's loops settle into their minute-long waits first.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const added = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber }) }).expect(201);
  const orderId = added.body.orderId as string;
  const deadline = Date.now() + 15_000;
  let types: string[] = [];
  while (Date.now() < deadline) {
    types = (await h.services.store.readStream(`order-${orderId}`)).map((e) => e.type);
    if (types.includes('DojAcknowledgementRecorded')) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(types).toContain('DojAcknowledgementRecorded');
  expect(simulator.records.all().some((r) => r.fields.get('PNO')?.[0] === caseNumber.replace(/[^A-Z0-9]/g, ''))).toBe(true);
}, 30_000);
