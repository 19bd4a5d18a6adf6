import * as t from 'io-ts';
import { Ori, RoleSet, type AccountChange } from '@ccpor/domain';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import { actorOf, principalOf } from '../http/principal';
import { NO_SUCH, Problem } from '../http/problem';
import { AgencyRegistered, AgencyUpdated, UserCreated } from './identity-events';

/** A new user as the API takes one: the event's fields, roles each given once. */
const NewUser = t.exact(t.type({ ...UserCreated.props, roles: RoleSet }), 'NewUser');
import type { ApiKey, User } from './identity-view';
import type { IdentityService } from './identity-service';

/** Roles as a request gives them: each once (a repeated role was stored as given before). */
const Roles = RoleSet;
const Reason = t.exact(t.partial({ reason: t.refinement(t.string, (s) => s.length <= 500, 'reason (at most 500 characters)') }));
const RolesChange = t.exact(t.type({ roles: Roles, cletsCertified: t.boolean }));
const NewApiKey = bodyCodec('NewApiKey', { label: t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 120, 'label'), roles: Roles }, { agencyOri: Ori });

const publicUser = (u: User) => ({
  username: u.username,
  displayName: u.displayName,
  agencyOri: u.agencyOri,
  roles: u.roles,
  cletsCertified: u.cletsCertified,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  ...(u.lockedUntil ? { lockedUntil: u.lockedUntil } : {}),
});
// The secret's hash is never sent back.
const publicKey = (k: ApiKey) => ({ keyId: k.keyId, agencyOri: k.agencyOri, label: k.label, roles: k.roles, revoked: k.revoked, issuedAt: k.issuedAt, issuedBy: k.issuedBy });

/** What the agency, user and API-key administration routes read. */
export interface AdminRouteNeeds {
  readonly identity: IdentityService;
}

export const registerAdminRoutes = (api: ApiRouter, s: AdminRouteNeeds, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/agencies',
    summary: 'List agencies',
    tag: 'administration',
    success: 200,
    // The acceptance run's details are the readiness route's (the administrators'), not everyone's.
    handler: () => ({ agencies: [...s.identity.view.agencies.values()].map(({ acceptance: _run, ...a }) => a) }),
  });
  api.add({
    method: 'post',
    path: '/agencies',
    summary: 'Register an agency (state administrators)',
    tag: 'administration',
    body: t.exact(AgencyRegistered),
    success: 201,
    handler: async ({ req, res, body }) => s.identity.registerAgency(body, actorOf(guard.global(req, res, 'agencies.manage'))),
  });
  api.add({
    method: 'patch',
    path: '/agencies/:ori',
    summary: 'Change an agency’s name, county or CARPOS settings (state administrators)',
    tag: 'administration',
    body: t.exact(AgencyUpdated),
    success: 200,
    handler: async ({ req, res, body }) => s.identity.updateAgency(String(req.params.ori), body, actorOf(guard.global(req, res, 'agencies.manage'))),
  });

  api.add({
    method: 'get',
    path: '/users',
    summary: 'List users (a local administrator sees their own agency)',
    tag: 'administration',
    success: 200,
    handler: ({ req, res }) => {
      const p = guard.global(req, res, 'users.manage');
      const all = [...s.identity.view.users.values()];
      return { users: all.filter((u) => p.roles.includes('state-admin') || u.agencyOri === p.agencyOri).map(publicUser) };
    },
  });
  api.add({
    method: 'post',
    path: '/users',
    summary: 'Create a user (roles within your reach; supervisor, state administrator and CLETS certification by a state administrator); the one-time password is in the response, once',
    tag: 'administration',
    body: NewUser,
    success: 201,
    handler: async ({ req, res, body }) => {
      const p = guard.account(req, res, { agencyOri: body.agencyOri }, { kind: 'create', roles: body.roles, cletsCertified: body.cletsCertified });
      const created = await s.identity.createUser(body, actorOf(p));
      res.setHeader('Cache-Control', 'no-store');
      return { user: publicUser(created.user), oneTimePassword: created.oneTimePassword };
    },
  });
  /**
   * The account a route names, and the policy's decision on the change (ADR 0035). Who may
   * administer at all is asked first, so someone without the role learns nothing either way; a
   * user of another agency is then answered exactly as a user that does not exist.
   */
  const targetUser = (username: string, req: Parameters<Guard['global']>[0], res: Parameters<Guard['global']>[1], change: AccountChange) => {
    guard.global(req, res, 'users.manage');
    const u = s.identity.view.users.get(username);
    if (u === undefined) throw NO_SUCH.user();
    const p = guard.account(req, res, { userId: u.username, agencyOri: u.agencyOri, roles: u.roles, cletsCertified: u.cletsCertified }, change, u.username);
    return { u, p };
  };
  api.add({
    method: 'post',
    path: '/users/:username/password-reset',
    summary: 'Reset a user’s password (their whole account must be within your reach); the new one-time password is in the response, once; their sessions end',
    tag: 'administration',
    success: 200,
    handler: async ({ req, res }) => {
      const { u, p } = targetUser(String(req.params.username), req, res, { kind: 'password-reset' });
      res.setHeader('Cache-Control', 'no-store');
      return { username: u.username, oneTimePassword: await s.identity.resetPassword(u.username, actorOf(p)) };
    },
  });
  api.add({
    method: 'patch',
    path: '/users/:username/roles',
    summary: 'Change another user’s roles and CLETS certification (roles added within your reach; never your own)',
    tag: 'administration',
    body: RolesChange,
    success: 200,
    handler: async ({ req, res, body }) => {
      const { u, p } = targetUser(String(req.params.username), req, res, { kind: 'roles', roles: body.roles, cletsCertified: body.cletsCertified });
      return publicUser(await s.identity.setRoles(u.username, body.roles, body.cletsCertified, actorOf(p)));
    },
  });
  api.add({
    method: 'post',
    path: '/users/:username/disable',
    summary: 'Disable a user (their sessions end for good: enabling them again does not bring the sessions back)',
    tag: 'administration',
    body: Reason,
    success: 200,
    handler: async ({ req, res, body }) => {
      const { u, p } = targetUser(String(req.params.username), req, res, { kind: 'disable' });
      if (u.username === p.userId) throw new Problem(409, 'CANNOT_DISABLE_SELF', 'Conflict', 'You cannot disable your own account.');
      return publicUser(await s.identity.disableUser(u.username, body.reason, actorOf(p)));
    },
  });
  api.add({
    method: 'post',
    path: '/users/:username/enable',
    summary: 'Enable a disabled or locked user (they sign in again)',
    tag: 'administration',
    success: 200,
    handler: async ({ req, res }) => {
      const { u, p } = targetUser(String(req.params.username), req, res, { kind: 'enable' });
      return publicUser(await s.identity.enableUser(u.username, actorOf(p)));
    },
  });

  api.add({
    method: 'get',
    path: '/api-keys',
    summary: 'List API keys (never their secrets)',
    tag: 'administration',
    success: 200,
    handler: ({ req, res }) => {
      const p = guard.global(req, res, 'api-keys.manage');
      return { apiKeys: [...s.identity.view.apiKeys.values()].filter((k) => p.roles.includes('state-admin') || k.agencyOri === p.agencyOri).map(publicKey) };
    },
  });
  api.add({
    method: 'post',
    path: '/api-keys',
    summary: 'Issue an API key for a CMS integration, scoped to one agency; the key is in the response, once',
    tag: 'administration',
    body: NewApiKey,
    success: 201,
    handler: async ({ req, res, body }) => {
      const agencyOri = body.agencyOri ?? principalOf(res).agencyOri;
      guard.global(req, res, 'api-keys.manage', { agencyOri });
      // Whoever holds the key acts with its roles: an account like a user's, given within reach.
      const p = guard.account(req, res, { agencyOri }, { kind: 'create', roles: body.roles, cletsCertified: false });
      const issued = await s.identity.issueApiKey({ agencyOri, label: body.label, roles: body.roles }, actorOf(p));
      res.setHeader('Cache-Control', 'no-store');
      return { apiKey: publicKey(issued.key), secret: issued.secret };
    },
  });
  api.add({
    method: 'delete',
    path: '/api-keys/:keyId',
    summary: 'Revoke an API key',
    tag: 'administration',
    body: Reason,
    success: 200,
    handler: async ({ req, res, body }) => {
      guard.global(req, res, 'api-keys.manage');
      const k = s.identity.view.apiKeys.get(String(req.params.keyId));
      if (!k) throw NO_SUCH.apiKey();
      const p = guard.global(req, res, 'api-keys.manage', { agencyOri: k.agencyOri }, 'apiKey');
      return publicKey(await s.identity.revokeApiKey(k.keyId, body.reason, actorOf(p)));
    },
  });
};
