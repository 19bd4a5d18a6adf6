import { sampleOrderInput } from '@ccpor/test-kit';
import request from 'supertest';
import { COURT, OTHER_COURT, signIn, startHarness, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => h.close());

const createUser = async (username: string, roles = ['court-clerk']) =>
  (await h.services.identity.createUser({ username, displayName: username, agencyOri: COURT, roles, cletsCertified: false }, SYSTEM_ACTOR)).oneTimePassword;

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and returns a CSRF token', async () => {
    const pw = await createUser('cookie.user');
    const r = await request(h.app).post('/api/v1/session').send({ username: 'cookie.user', password: pw }).expect(201);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/ccpor_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(r.body).toMatchObject({ username: 'cookie.user', mustChangePassword: true, csrfToken: expect.any(String) });
  });

  it('a one-time password allows only the password change', async () => {
    const pw = await createUser('must.change');
    const agent = request.agent(h.app);
    const login = await agent.post('/api/v1/session').send({ username: 'must.change', password: pw }).expect(201);
    const blocked = await agent.get('/api/v1/search?lastName=X').expect(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await agent.post('/api/v1/session/password').set('X-CSRF-Token', login.body.csrfToken).send({ currentPassword: pw, newPassword: 'short' }).expect(422);
    expect(weak.body.field).toBe('newPassword');
    const changed = await agent.post('/api/v1/session/password').set('X-CSRF-Token', login.body.csrfToken).send({ currentPassword: pw, newPassword: 'a much longer passphrase' }).expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    await agent.get('/api/v1/search?lastName=Smith').expect(200);
  });

  it('writes with a session cookie need the CSRF header', async () => {
    const c = await h.user('court-clerk');
    const r = await c.agent.post('/api/v1/orders').send({ details: sampleOrderInput() }).expect(403);
    expect(r.body).toMatchObject({ code: 'CSRF_TOKEN_MISSING', field: 'X-CSRF-Token' });
    await c.agent.post('/api/v1/orders').set('X-CSRF-Token', 'wrong').send({ details: sampleOrderInput() }).expect(403);
  });

  it('wrong passwords lock the account after the configured number of failures, and the lock is on the user’s stream', async () => {
    const pw = await createUser('locked.user');
    for (let i = 0; i < 3; i += 1) await request(h.app).post('/api/v1/session').send({ username: 'locked.user', password: 'not it' }).expect(401);
    const r = await request(h.app).post('/api/v1/session').send({ username: 'locked.user', password: pw }).expect(401);
    expect(r.body.code).toBe('LOGIN_FAILED');
    const events = await h.services.store.readStream('user-locked.user');
    expect(events.map((e) => e.type)).toContain('UserLockedOut');
    await h.admin.agent.post('/api/v1/users/locked.user/enable').set('X-CSRF-Token', h.admin.csrf).expect(200);
    await request(h.app).post('/api/v1/session').send({ username: 'locked.user', password: pw }).expect(201);
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const a = await request(h.app).post('/api/v1/session').send({ username: 'nobody.here', password: 'x' }).expect(401);
    await createUser('known.user');
    const b = await request(h.app).post('/api/v1/session').send({ username: 'known.user', password: 'x' }).expect(401);
    expect(a.body.detail).toBe(b.body.detail);
  });

  it('disabling a user ends their session at once; a password reset ends older sessions', async () => {
    const c = await h.user('court-clerk');
    await c.agent.get('/api/v1/session').expect(200);
    const reset = await h.admin.agent.post(`/api/v1/users/${c.username}/password-reset`).set('X-CSRF-Token', h.admin.csrf).expect(200);
    await c.agent.get('/api/v1/session').expect(401);
    const again = await signIn(h.app, c.username, reset.body.oneTimePassword);
    await h.admin.agent.post(`/api/v1/users/${c.username}/disable`).set('X-CSRF-Token', h.admin.csrf).send({ reason: 'left' }).expect(200);
    await again.agent.get('/api/v1/session').expect(401);
  });

  it('unauthenticated API calls are 401 problems', async () => {
    const r = await request(h.app).get('/api/v1/search?lastName=X').expect(401);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('sign-out clears the cookie', async () => {
    const c = await h.user('query-only');
    const r = await c.agent.delete('/api/v1/session').set('X-CSRF-Token', c.csrf).expect(204);
    expect(String(r.headers['set-cookie'])).toMatch(/ccpor_session=;/);
  });
});

describe('API keys', () => {
  it('are shown once, work as Bearer tokens scoped to their agency, and stop working when revoked', async () => {
    const issued = await h.admin.agent.post('/api/v1/api-keys').set('X-CSRF-Token', h.admin.csrf).send({ agencyOri: COURT, label: 'LA CMS', roles: ['court-clerk'] }).expect(201);
    const key = issued.body.secret as string;
    expect(key).toMatch(/^ccpor_/);
    const list = await h.admin.agent.get('/api/v1/api-keys').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(key.split('_')[2]);
    const added = await request(h.app).post('/api/v1/orders').set('Authorization', `Bearer ${key}`).send({ details: sampleOrderInput() }).expect(201);
    expect(added.body.order.enteringAgencyOri).toBe(COURT);
    const history = await request(h.app).get(`/api/v1/orders/${added.body.orderId}/history`).set('Authorization', `Bearer ${key}`).expect(200);
    expect(history.body.events[0].actor).toMatchObject({ kind: 'api-key', agencyOri: COURT });
    await h.admin.agent.delete(`/api/v1/api-keys/${issued.body.apiKey.keyId}`).set('X-CSRF-Token', h.admin.csrf).send({ reason: 'rotated' }).expect(200);
    await request(h.app).get('/api/v1/session').set('Authorization', `Bearer ${key}`).expect(401);
  });

  it('a wrong key is a 401', async () => {
    await request(h.app).get('/api/v1/session').set('Authorization', 'Bearer ccpor_nope').expect(401);
  });

  it('agencies: state administrators register and update them; duplicates are 409', async () => {
    const body = { ori: 'CA0370000', name: 'San Diego PD', kind: 'other-lea', county: '37', carpos: { enabled: false } };
    await h.admin.agent.post('/api/v1/agencies').set('X-CSRF-Token', h.admin.csrf).send(body).expect(201);
    await h.admin.agent.post('/api/v1/agencies').set('X-CSRF-Token', h.admin.csrf).send(body).expect(409);
    const upd = await h.admin.agent.patch('/api/v1/agencies/CA0370000').set('X-CSRF-Token', h.admin.csrf).send({ carpos: { enabled: true, mnemonic: 'SDPD' } }).expect(200);
    expect(upd.body.carpos).toEqual({ enabled: true, mnemonic: 'SDPD' });
    const bad = await h.admin.agent.post('/api/v1/agencies').set('X-CSRF-Token', h.admin.csrf).send({ ...body, ori: 'nope' }).expect(400);
    expect(bad.body.field).toBe('ori');
    const list = await h.admin.agent.get('/api/v1/agencies').expect(200);
    expect(list.body.agencies.map((a: { ori: string }) => a.ori)).toEqual(expect.arrayContaining([COURT, OTHER_COURT, 'CA0370000']));
  });

  it('users: roles change through the API and the change is audited on the user’s stream', async () => {
    await createUser('promote.me');
    const r = await h.admin.agent.patch('/api/v1/users/promote.me/roles').set('X-CSRF-Token', h.admin.csrf).send({ roles: ['supervisor'], cletsCertified: true }).expect(200);
    expect(r.body).toMatchObject({ roles: ['supervisor'], cletsCertified: true });
    const events = await h.services.store.readStream('user-promote.me');
    expect(events.at(-1)).toMatchObject({ type: 'UserRolesChanged', metadata: { actor: { userId: 'admin' } } });
    const users = await h.admin.agent.get('/api/v1/users').expect(200);
    expect(JSON.stringify(users.body)).not.toContain('$argon2');
  });
});
