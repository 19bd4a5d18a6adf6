import { startHarness, type Harness } from '../__tests__/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('GET /session gives a page loaded after sign-in its CSRF token', () => {
  it('returns the token issued at sign-in, which then authorizes a change', async () => {
    const clerk = await h.user('court-clerk');
    const r = await clerk.agent.get('/api/v1/session').expect(200);
    expect(r.body.csrfToken).toBe(clerk.csrf);
    await clerk.agent.delete('/api/v1/session').set('X-CSRF-Token', r.body.csrfToken as string).expect(204);
  });
});
