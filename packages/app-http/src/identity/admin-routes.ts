import type { Request, Response } from 'express';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { Ori, RoleSet, withinAgencyScope, type IdGenerator } from '@ccpor/domain';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import type { Problem } from '../http/problem';
import { changeRoles } from '../use-cases/identity/change-roles';
import { createUser } from '../use-cases/identity/create-user';
import { disableUser } from '../use-cases/identity/disable-user';
import { enableUser } from '../use-cases/identity/enable-user';
import type { IdentityOutcome } from '../use-cases/identity/identity-command';
import { issueApiKey } from '../use-cases/identity/issue-api-key';
import { registerAgency } from '../use-cases/identity/register-agency';
import { resetPassword } from '../use-cases/identity/reset-password';
import { revokeApiKey } from '../use-cases/identity/revoke-api-key';
import { updateAgency } from '../use-cases/identity/update-agency';
import { guardIdentityAccess } from './guard-identity-access';
import { identityCommandProblem } from './identity-command-problem';
import { AgencyRegistered, AgencyUpdated, UserCreated } from './identity-events';
import type { IdentityService } from './identity-service';
import type { ApiKey, User } from './identity-view';

/** A new user as the API takes one: the event's fields, roles each given once. */
const NewUser = t.exact(t.type({ ...UserCreated.props, roles: RoleSet }), 'NewUser');

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
  /** API key ids. */
  readonly ids: IdGenerator;
}

/** A use case's result, or its error thrown as the problem document to answer with. */
const presented = async <A>(outcome: Promise<IdentityOutcome<Problem, A>>): Promise<A> => {
  const r = await outcome;
  if (E.isLeft(r)) throw identityCommandProblem(r.left);
  return r.right;
};

/**
 * The administration routes decode, call the identity use case (use-cases/identity/) with the
 * request's guard as its access port, and present the result; the lists ask the guard and filter
 * by the policy's agency scope.
 */
export const registerAdminRoutes = (api: ApiRouter, s: AdminRouteNeeds, guard: Guard): void => {
  const deps = (req: Request, res: Response) => ({ access: guardIdentityAccess(guard, req, res), identity: s.identity, ids: s.ids, logins: s.identity.logins });
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
    handler: async ({ req, res, body }) => presented(registerAgency(deps(req, res), body)),
  });
  api.add({
    method: 'patch',
    path: '/agencies/:ori',
    summary: 'Change an agency’s name, county or CARPOS settings (state administrators)',
    tag: 'administration',
    body: t.exact(AgencyUpdated),
    success: 200,
    handler: async ({ req, res, body }) => presented(updateAgency(deps(req, res), { ori: String(req.params.ori), changes: body })),
  });

  api.add({
    method: 'get',
    path: '/users',
    summary: 'List users (a local administrator sees their own agency)',
    tag: 'administration',
    success: 200,
    handler: ({ req, res }) => {
      const p = guard.global(req, res, 'users.manage');
      return { users: [...s.identity.view.users.values()].filter((u) => withinAgencyScope(p, u.agencyOri)).map(publicUser) };
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
      const created = await presented(createUser(deps(req, res), body));
      res.setHeader('Cache-Control', 'no-store');
      return { user: publicUser(created.user), oneTimePassword: created.oneTimePassword };
    },
  });
  api.add({
    method: 'post',
    path: '/users/:username/password-reset',
    summary: 'Reset a user’s password (their whole account must be within your reach); the new one-time password is in the response, once; their sessions end',
    tag: 'administration',
    success: 200,
    handler: async ({ req, res }) => {
      const reset = await presented(resetPassword(deps(req, res), { username: String(req.params.username) }));
      res.setHeader('Cache-Control', 'no-store');
      return { username: reset.username, oneTimePassword: reset.oneTimePassword };
    },
  });
  api.add({
    method: 'patch',
    path: '/users/:username/roles',
    summary: 'Change another user’s roles and CLETS certification (roles added within your reach; never your own)',
    tag: 'administration',
    body: RolesChange,
    success: 200,
    handler: async ({ req, res, body }) => publicUser(await presented(changeRoles(deps(req, res), { username: String(req.params.username), roles: body.roles, cletsCertified: body.cletsCertified }))),
  });
  api.add({
    method: 'post',
    path: '/users/:username/disable',
    summary: 'Disable a user (their sessions end for good: enabling them again does not bring the sessions back)',
    tag: 'administration',
    body: Reason,
    success: 200,
    handler: async ({ req, res, body }) => publicUser(await presented(disableUser(deps(req, res), { username: String(req.params.username), reason: body.reason }))),
  });
  api.add({
    method: 'post',
    path: '/users/:username/enable',
    summary: 'Enable a disabled or locked user (they sign in again)',
    tag: 'administration',
    success: 200,
    handler: async ({ req, res }) => publicUser(await presented(enableUser(deps(req, res), { username: String(req.params.username) }))),
  });

  api.add({
    method: 'get',
    path: '/api-keys',
    summary: 'List API keys (never their secrets)',
    tag: 'administration',
    success: 200,
    handler: ({ req, res }) => {
      const p = guard.global(req, res, 'api-keys.manage');
      return { apiKeys: [...s.identity.view.apiKeys.values()].filter((k) => withinAgencyScope(p, k.agencyOri)).map(publicKey) };
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
      const issued = await presented(issueApiKey(deps(req, res), { agencyOri: body.agencyOri, label: body.label, roles: body.roles }));
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
    handler: async ({ req, res, body }) => publicKey(await presented(revokeApiKey(deps(req, res), { keyId: String(req.params.keyId), reason: body.reason }))),
  });
};
