import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, OTHER_COURT, signIn, startHarness, type Client, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from './identity-service';

/**
 * Issue 12, findings 2 and 9: who may give which roles and certification, change whose account,
 * and learn which user names exist (ADR 0035).
 */
let h: Harness;
let localAdmin: Client;
beforeAll(async () => {
  h = await startHarness();
  // A court's local administrator who also works as a clerk there.
  const created = await h.services.identity.createUser(
    { username: 'la.admin', displayName: 'LA admin', agencyOri: COURT, roles: ['local-admin', 'court-clerk'], cletsCertified: false },
    SYSTEM_ACTOR,
  );
  localAdmin = await signIn(h.app, 'la.admin', created.oneTimePassword);
}, 60_000);
afterAll(() => h.close());

const patchRoles = (c: Client, username: string, body: object) => c.agent.patch(`/api/v1/users/${username}/roles`).set('X-CSRF-Token', c.csrf).send(body);
const createUser = (c: Client, body: object) => c.agent.post('/api/v1/users').set('X-CSRF-Token', c.csrf).send({ displayName: 'Someone', agencyOri: COURT, cletsCertified: false, ...body });

describe('role grants', () => {
  it('the reproduction: a local administrator cannot make themselves supervisor and CLETS-certified, and still cannot read a sealed order', async () => {
    const r = await patchRoles(localAdmin, 'la.admin', { roles: ['local-admin', 'supervisor'], cletsCertified: true }).expect(403);
    expect(r.body.code).toBe('OWN_ACCOUNT');
    const me = await localAdmin.agent.get('/api/v1/session').expect(200);
    expect(me.body).toMatchObject({ roles: ['local-admin', 'court-clerk'], cletsCertified: false });
    const sup = await h.user('supervisor');
    const sealed = await sup.agent.post('/api/v1/orders').set('X-CSRF-Token', sup.csrf).send({ details: sampleOrderInput({ sealed: true }) }).expect(201);
    await localAdmin.agent.get(`/api/v1/orders/${sealed.body.orderId}`).expect(404);
  });

  it('nobody changes their own roles, a state administrator included', async () => {
    const r = await patchRoles(h.admin, h.admin.username, { roles: ['state-admin', 'supervisor'], cletsCertified: true }).expect(403);
    expect(r.body.code).toBe('OWN_ACCOUNT');
  });

  it('a local administrator gives only roles they hold, never supervisor or CLETS certification, and cannot reach them through a new account or an API key', async () => {
    expect((await createUser(localAdmin, { username: 'new.clerk', roles: ['court-clerk'] }).expect(201)).body.user.roles).toEqual(['court-clerk']);
    expect((await createUser(localAdmin, { username: 'new.sup', roles: ['supervisor'] }).expect(403)).body.code).toBe('BEYOND_YOUR_REACH');
    expect((await createUser(localAdmin, { username: 'new.lea', roles: ['lea-data-entry'] }).expect(403)).body.code).toBe('BEYOND_YOUR_REACH');
    expect((await createUser(localAdmin, { username: 'new.cert', roles: ['court-clerk'], cletsCertified: true }).expect(403)).body.code).toBe('BEYOND_YOUR_REACH');
    expect((await patchRoles(localAdmin, 'new.clerk', { roles: ['court-clerk', 'supervisor'], cletsCertified: false }).expect(403)).body.code).toBe('BEYOND_YOUR_REACH');
    expect((await patchRoles(localAdmin, 'new.clerk', { roles: ['court-clerk'], cletsCertified: true }).expect(403)).body.code).toBe('BEYOND_YOUR_REACH');
    const key = await localAdmin.agent.post('/api/v1/api-keys').set('X-CSRF-Token', localAdmin.csrf).send({ label: 'CMS', roles: ['supervisor'] }).expect(403);
    expect(key.body.code).toBe('BEYOND_YOUR_REACH');
  });

  it('a state administrator grants supervisor and CLETS certification; the grant is on the user’s stream and in the access audit', async () => {
    await createUser(h.admin, { username: 'to.promote', roles: ['court-clerk'] }).expect(201);
    const r = await patchRoles(h.admin, 'to.promote', { roles: ['court-clerk', 'supervisor'], cletsCertified: true }).expect(200);
    expect(r.body).toMatchObject({ roles: ['court-clerk', 'supervisor'], cletsCertified: true });
    const events = await h.services.store.readStream('user-to.promote');
    expect(events.at(-1)).toMatchObject({ type: 'UserRolesChanged', data: { roles: ['court-clerk', 'supervisor'], cletsCertified: true }, metadata: { actor: { userId: h.admin.username } } });
    await h.services.audit.flush();
    const audit = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
    const decisions = audit.flatMap((e) => (e.data as { decisions: Record<string, unknown>[] }).decisions);
    expect(decisions).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'account.roles', targetUser: 'to.promote', allowed: true })]));
    expect(decisions).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'account.roles', targetUser: 'la.admin', allowed: false, code: 'OWN_ACCOUNT' })]));
  });

  it('a password reset hands over the account, so a local administrator resets only accounts wholly within their reach', async () => {
    await localAdmin.agent.post('/api/v1/users/new.clerk/password-reset').set('X-CSRF-Token', localAdmin.csrf).expect(200);
    const r = await localAdmin.agent.post('/api/v1/users/to.promote/password-reset').set('X-CSRF-Token', localAdmin.csrf).expect(403);
    expect(r.body.code).toBe('BEYOND_YOUR_REACH');
  });

  it('duplicate roles are refused, not stored', async () => {
    const r = await createUser(h.admin, { username: 'twice.clerk', roles: ['court-clerk', 'court-clerk'] }).expect(400);
    expect(r.body).toMatchObject({ code: 'INVALID_VALUE', field: 'roles' });
    await createUser(h.admin, { username: 'once.clerk', roles: ['court-clerk'] }).expect(201);
    expect((await patchRoles(h.admin, 'once.clerk', { roles: ['query-only', 'query-only'], cletsCertified: false }).expect(400)).body.field).toBe('roles');
    const key = await h.admin.agent.post('/api/v1/api-keys').set('X-CSRF-Token', h.admin.csrf).send({ agencyOri: COURT, label: 'CMS', roles: ['court-clerk', 'court-clerk'] }).expect(400);
    expect(key.body.field).toBe('roles');
    expect((await h.services.store.readStream('user-twice.clerk')).length).toBe(0);
  });
});

describe('user names of other agencies cannot be probed (finding 9)', () => {
  it('the reproduction: a local administrator gets the same answer for another agency’s user as for one that does not exist, on every user route', async () => {
    await h.services.identity.createUser({ username: 'orange.clerk', displayName: 'Orange', agencyOri: OTHER_COURT, roles: ['court-clerk'], cletsCertified: false }, SYSTEM_ACTOR);
    const routes = (name: string) => [
      localAdmin.agent.post(`/api/v1/users/${name}/password-reset`).set('X-CSRF-Token', localAdmin.csrf),
      localAdmin.agent.post(`/api/v1/users/${name}/disable`).set('X-CSRF-Token', localAdmin.csrf).send({}),
      localAdmin.agent.post(`/api/v1/users/${name}/enable`).set('X-CSRF-Token', localAdmin.csrf),
      localAdmin.agent.patch(`/api/v1/users/${name}/roles`).set('X-CSRF-Token', localAdmin.csrf).send({ roles: ['query-only'], cletsCertified: false }),
    ];
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    const existing = await Promise.all(routes('orange.clerk'));
    const absent = await Promise.all(routes('no.such.user'));
    existing.forEach((r, i) => {
      expect(r.status).toBe(404);
      expect(strip(r.body)).toEqual(strip(absent[i]!.body));
    });
    expect(existing[0]!.body).toMatchObject({ code: 'USER_NOT_FOUND', field: 'username' });
    // Someone who administers nothing learns nothing either: 403 whether the user exists or not.
    const clerk = await h.user('court-clerk');
    const a = await clerk.agent.post('/api/v1/users/orange.clerk/password-reset').set('X-CSRF-Token', clerk.csrf).expect(403);
    const b = await clerk.agent.post('/api/v1/users/no.such.user/password-reset').set('X-CSRF-Token', clerk.csrf).expect(403);
    expect(strip(a.body)).toEqual(strip(b.body));
  });
});
