import pino from 'pino';
import request from 'supertest';
import { sampleOrderInput } from '@ccpor/test-kit';
import { signIn, startHarness, testConfig, type Client, type Harness } from '../__tests__/harness';
import { buildContainer, closeServices, resolveServices } from '../composition/container';
import { createApp } from '../http/app';

/**
 * Issue 12, finding 3: a session ends for good when its user signs out, is disabled, or has their
 * password changed or reset: enabling the user again does not bring it back, and neither does a
 * restart, because the revocation is on the user's stream that every process's identity view
 * follows (ADR 0035).
 */
const SECRET = 'a-session-secret-of-at-least-32-characters';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_SESSION_SECRET: SECRET } });
}, 60_000);
afterAll(() => h.close());

const write = (c: Client) => c.agent.post('/api/v1/orders').set('X-CSRF-Token', c.csrf).send({ details: sampleOrderInput() });

describe('sessions end for good', () => {
  it('the reproduction: after sign-out the same cookie answers 401, to reads and writes', async () => {
    const c = await h.user('court-clerk');
    await c.agent.get('/api/v1/session').expect(200);
    // A client that keeps the cookie after signing out (the attack) sends it back.
    const login = await request(h.app).post('/api/v1/session').send({ username: c.username, password: `${c.username}-long-password-1` }).expect(201);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.body.csrfToken as string;
    await request(h.app).get('/api/v1/session').set('Cookie', cookie).expect(200);
    await request(h.app).delete('/api/v1/session').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    await request(h.app).get('/api/v1/session').set('Cookie', cookie).expect(401);
    await request(h.app).post('/api/v1/orders').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ details: sampleOrderInput() }).expect(401);
  });

  it('signing out ends that session only; the user’s other sessions go on', async () => {
    const c = await h.user('court-clerk');
    const other = await signIn(h.app, c.username, `${c.username}-long-password-1`);
    await c.agent.delete('/api/v1/session').set('X-CSRF-Token', c.csrf).expect(204);
    await other.agent.get('/api/v1/session').expect(200);
    await write(other).expect(201);
  });

  it('the reproduction: a disabled user’s cookie stays dead when they are enabled again', async () => {
    const c = await h.user('court-clerk');
    await write(c).expect(201);
    await h.admin.agent.post(`/api/v1/users/${c.username}/disable`).set('X-CSRF-Token', h.admin.csrf).send({ reason: 'left' }).expect(200);
    await c.agent.get('/api/v1/session').expect(401);
    await h.admin.agent.post(`/api/v1/users/${c.username}/enable`).set('X-CSRF-Token', h.admin.csrf).expect(200);
    await c.agent.get('/api/v1/session').expect(401);
    await write(c).expect(401);
    // They sign in afresh.
    const again = await signIn(h.app, c.username, `${c.username}-long-password-1`);
    await again.agent.get('/api/v1/session').expect(200);
  });

  it('a password change ends the user’s other sessions; a reset ends all of them', async () => {
    const c = await h.user('court-clerk');
    const other = await signIn(h.app, c.username, `${c.username}-long-password-1`);
    const changed = await c.agent
      .post('/api/v1/session/password')
      .set('X-CSRF-Token', c.csrf)
      .send({ currentPassword: `${c.username}-long-password-1`, newPassword: `${c.username}-another-password-2` })
      .expect(200);
    await other.agent.get('/api/v1/session').expect(401);
    await c.agent.get('/api/v1/session').expect(200);
    expect(changed.body.csrfToken).toEqual(expect.any(String));
    await h.admin.agent.post(`/api/v1/users/${c.username}/password-reset`).set('X-CSRF-Token', h.admin.csrf).expect(200);
    await c.agent.get('/api/v1/session').expect(401);
  });

  it('revocation survives a restart: a second registry process on the same log refuses the signed-out and disabled cookies', async () => {
    const out = await sessionOf(await h.user('court-clerk'));
    await request(h.app).delete('/api/v1/session').set('Cookie', out.cookie).set('X-CSRF-Token', out.csrf).expect(204);
    const outCookie = out.cookie;
    const disabled = await h.user('court-clerk');
    const disabledCookie = (await sessionOf(disabled)).cookie;
    await h.admin.agent.post(`/api/v1/users/${disabled.username}/disable`).set('X-CSRF-Token', h.admin.csrf).send({}).expect(200);
    await h.admin.agent.post(`/api/v1/users/${disabled.username}/enable`).set('X-CSRF-Token', h.admin.csrf).expect(200);
    const liveCookie = (await sessionOf(await h.user('query-only'))).cookie;

    // Another process: its own container and identity view, folded from the same log, with the same signing key.
    const restarted = await resolveServices(buildContainer(testConfig({ CCPOR_SESSION_SECRET: SECRET }), { eventStore: h.services.store, sqlHome: h.services.sqlHome, clock: h.clock, logger: pino({ level: 'silent' }) }));
    try {
      const app = createApp(restarted).app;
      await request(app).get('/api/v1/session').set('Cookie', liveCookie).expect(200);
      await request(app).get('/api/v1/session').set('Cookie', outCookie).expect(401);
      await request(app).get('/api/v1/session').set('Cookie', disabledCookie).expect(401);
    } finally {
      await closeServices(restarted);
    }
  });
});

/** A new session of the user, as a Cookie header value and its CSRF token. */
const sessionOf = async (c: Client): Promise<{ cookie: string; csrf: string }> => {
  const fresh = await request(h.app).post('/api/v1/session').send({ username: c.username, password: `${c.username}-long-password-1` }).expect(201);
  return { cookie: String(fresh.headers['set-cookie']).split(';')[0]!, csrf: fresh.body.csrfToken as string };
};
