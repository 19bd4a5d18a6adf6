import fc from 'fast-check';
import { sampleOrderInput } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';

let h: Harness;
let clerk: Client;
let orderId: string;
beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
  const r = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput() });
  orderId = r.body.orderId;
});
afterAll(() => h.close());

const PATHS = () => [
  ['post', '/orders'],
  ['post', '/orders/drafts'],
  ['patch', `/orders/${orderId}/draft`],
  ['post', `/orders/${orderId}/modifications`],
  ['post', `/orders/${orderId}/renewals`],
  ['post', `/orders/${orderId}/services`],
  ['post', `/orders/${orderId}/cancellation`],
  ['post', `/orders/${orderId}/clones`],
  ['post', `/orders/${orderId}/images`],
  ['post', '/session'],
  ['post', '/users'],
  ['post', '/agencies'],
] as const;

/** Bodies: arbitrary JSON, and the sample order with one field replaced by arbitrary JSON. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.record({ details: fc.jsonValue() }),
  fc.tuple(fc.constantFrom(...Object.keys(sampleOrderInput())), fc.jsonValue()).map(([k, v]) => ({ details: sampleOrderInput({ [k]: v }) })),
  fc.record({ changes: fc.dictionary(fc.constantFrom('terms', 'sealed', 'expiration', 'protectedPersons', 'hearing'), fc.jsonValue()) }),
);

describe('fuzzing request bodies', () => {
  it('never answers 5xx, and every 4xx is a problem naming what is wrong', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: PATHS().length - 1 }), body, async (i, b) => {
        const [method, path] = PATHS()[i]!;
        const res = await (method === 'post' ? clerk.agent.post(`/api/v1${path}`) : clerk.agent.patch(`/api/v1${path}`))
          .set('X-CSRF-Token', clerk.csrf)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(b));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(typeof res.body.code).toBe('string');
          expect(typeof res.body.detail).toBe('string');
          if (res.status === 400) expect(res.body.field ?? res.body.errors).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
