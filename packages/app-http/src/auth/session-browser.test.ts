import request from 'supertest';
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

describe('a session that ended', () => {
  it('is forgotten (the cookie is cleared) and does not stop the next sign-in', async () => {
    const clerk = await h.user('court-clerk');
    const stale = 'ccpor_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleHBpcmVkIn0.invalid';
    const ended = await request(h.app).get('/api/v1/session').set('Cookie', stale).expect(401);
    expect(String(ended.headers['set-cookie'])).toMatch(/ccpor_session=;.*Expires=Thu, 01 Jan 1970/);
    const again = await request(h.app).post('/api/v1/session').set('Cookie', stale).send({ username: clerk.username, password: `${clerk.username}-long-password-1` }).expect(201);
    expect(String(again.headers['set-cookie'])).toMatch(/ccpor_session=ey/);
    // Anything else with the stale cookie is still refused.
    await request(h.app).post('/api/v1/orders').set('Cookie', stale).send({}).expect(401);
  });
});
