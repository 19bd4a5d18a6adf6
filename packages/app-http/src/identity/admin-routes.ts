import * as t from 'io-ts';
import { Ori, Role } from '@ccpor/domain';
import type { AppServices } from '../composition/services';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { actorOf, principalOf } from '../http/principal';
import { Problem } from '../http/problem';
import { AgencyRegistered, AgencyUpdated, UserCreated } from './identity-events';
import type { ApiKey, User } from './identity-view';

const Roles = t.refinement(t.array(Role), (a) => a.length >= 1 && a.length <= 6, 'one to six roles');
const Reason = t.exact(t.partial({ reason: t.refinement(t.string, (s) => s.length <= 500, 'reason (at most 500 characters)') }));
const RolesChange = t.exact(t.type({ roles: Roles, cletsCertified: t.boolean }));
const NewApiKey = t.exact(t.intersection([t.type({ label: t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 120, 'label'), roles: Roles }), t.partial({ agencyOri: Ori })]));

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

export const registerAdminRoutes = (api: ApiRouter, s: AppServices, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/agencies',
    summary: 'List agencies',
    tag: 'administration',
    success: 200,
    handler: () => ({ agencies: [...s.identity.view.agencies.values()] }),
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
    summary: 'Create a user; the one-time password is in the response, once',
    tag: 'administration',
    body: t.exact(UserCreated),
    success: 201,
    handler: async ({ req, res, body }) => {
      guard.global(req, res, 'users.manage', { agencyOri: body.agencyOri });
      const p = guard.grant(req, res, body.roles, body.agencyOri);
      const created = await s.identity.createUser(body, actorOf(p));
      res.setHeader('Cache-Control', 'no-store');
      return { user: publicUser(created.user), oneTimePassword: created.oneTimePassword };
    },
  });
  const targetUser = (username: string, req: Parameters<Guard['global']>[0], res: Parameters<Guard['global']>[1]) => {
    const u = s.identity.user(username);
    const p = guard.global(req, res, 'users.manage', { agencyOri: u.agencyOri });
    // A local administrator may not act on a state administrator of their agency.
    guard.grant(req, res, u.roles, u.agencyOri);
    return { u, p };
  };
  api.add({
    method: 'post',
    path: '/users/:username/password-reset',
    summary: 'Reset a user’s password; the new one-time password is in the response, once',
    tag: 'administration',
    success: 200,
    handler: async ({ req, res }) => {
      const { u, p } = targetUser(String(req.params.username), req, res);
      res.setHeader('Cache-Control', 'no-store');
      return { username: u.username, oneTimePassword: await s.identity.resetPassword(u.username, actorOf(p)) };
    },
  });
  api.add({
    method: 'patch',
    path: '/users/:username/roles',
    summary: 'Change a user’s roles and CLETS certification',
    tag: 'administration',
    body: RolesChange,
    success: 200,
    handler: async ({ req, res, body }) => {
      const { u, p } = targetUser(String(req.params.username), req, res);
      guard.grant(req, res, body.roles, u.agencyOri);
      return publicUser(await s.identity.setRoles(u.username, body.roles, body.cletsCertified, actorOf(p)));
    },
  });
  api.add({
    method: 'post',
    path: '/users/:username/disable',
    summary: 'Disable a user (their sessions end at once)',
    tag: 'administration',
    body: Reason,
    success: 200,
    handler: async ({ req, res, body }) => {
      const { u, p } = targetUser(String(req.params.username), req, res);
      if (u.username === p.userId) throw new Problem(409, 'CANNOT_DISABLE_SELF', 'Conflict', 'You cannot disable your own account.');
      return publicUser(await s.identity.disableUser(u.username, body.reason, actorOf(p)));
    },
  });
  api.add({
    method: 'post',
    path: '/users/:username/enable',
    summary: 'Enable a disabled or locked user',
    tag: 'administration',
    success: 200,
    handler: async ({ req, res }) => {
      const { u, p } = targetUser(String(req.params.username), req, res);
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
      const p = guard.grant(req, res, body.roles, agencyOri);
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
      const k = s.identity.view.apiKeys.get(String(req.params.keyId));
      if (!k) throw new Problem(404, 'API_KEY_NOT_FOUND', 'Not found', 'No such API key.', { field: 'keyId' });
      const p = guard.global(req, res, 'api-keys.manage', { agencyOri: k.agencyOri });
      return publicKey(await s.identity.revokeApiKey(k.keyId, body.reason, actorOf(p)));
    },
  });
};
