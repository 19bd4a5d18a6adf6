import * as t from 'io-ts';
import type { Request, Response } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { actorOf, principalOf, type Authenticated } from '../http/principal';
import { Problem } from '../http/problem';
import type { User } from '../identity/identity-view';
import { decoyHash, verifyPassword } from './passwords';
import { SESSION_COOKIE, type SessionTokens } from './sessions';
import type { Config } from '../config/config';
import type { IdentityService } from '../identity/identity-service';

const Login = t.exact(t.type({ username: t.refinement(t.string, (s) => s.length >= 1 && s.length <= 64, 'user name'), password: t.refinement(t.string, (s) => s.length >= 1 && s.length <= 256, 'password') }), 'Login');
const PasswordChange = t.exact(t.type({ currentPassword: t.string, newPassword: t.string }), 'PasswordChange');

const me = (u: User) => ({ username: u.username, displayName: u.displayName, agencyOri: u.agencyOri, roles: u.roles, cletsCertified: u.cletsCertified, mustChangePassword: u.mustChangePassword });

const badLogin = () => new Problem(401, 'LOGIN_FAILED', 'Sign-in failed', 'Wrong user name or password, or the account is locked or disabled.');

/** What the session routes read: accounts, session tokens, and whether the registry serves TLS itself. */
export interface SessionRouteNeeds {
  readonly config: Config;
  readonly identity: IdentityService;
  readonly sessions: SessionTokens;
}

export const registerSessionRoutes = (api: ApiRouter, s: SessionRouteNeeds, guard: Guard): void => {
  // Secure whenever the client reached us over HTTPS: CCPOR_TLS, or a trusted proxy's X-Forwarded-Proto (ADR 0037).
  const secure = (req: Request) => s.config.tls || req.secure;
  const setCookie = async (req: Request, res: Response, u: User) => {
    const session = await s.sessions.issue(u.username, u.sessionGeneration);
    res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, secure: secure(req), sameSite: 'strict', path: '/', expires: session.expiresAt });
    return { ...me(u), csrfToken: session.csrf, expiresAt: session.expiresAt.toISOString() };
  };
  const asPrincipal = (u: User): Authenticated => ({ userId: u.username, agencyOri: u.agencyOri, roles: u.roles, cletsCertified: u.cletsCertified, kind: 'user', via: 'cookie', mustChangePassword: u.mustChangePassword });

  api.add({
    method: 'post',
    path: '/session',
    summary: 'Sign in with user name and password (sets an HttpOnly session cookie; returns the CSRF token)',
    tag: 'session',
    auth: false,
    body: Login,
    success: 201,
    handler: async ({ req, res, body }) => {
      const u = s.identity.view.users.get(body.username);
      // Verify against a decoy hash for unknown users, so response time does not reveal user names.
      const ok = await verifyPassword(u?.passwordHash ?? (await decoyHash()), body.password);
      if (!u) throw badLogin();
      const who = asPrincipal(u);
      if (u.disabled || s.identity.isLocked(u)) {
        guard.note(req, who, 'session.login', false, u.disabled ? 'account disabled' : 'account locked after repeated failures', u.disabled ? 'DISABLED' : 'LOCKED');
        throw badLogin();
      }
      if (!ok) {
        guard.note(req, who, 'session.login', false, 'wrong password', 'WRONG_PASSWORD');
        await s.identity.loginFailed(u.username);
        throw badLogin();
      }
      await s.identity.loginSucceeded(u.username);
      guard.note(req, who, 'session.login', true, 'password');
      return setCookie(req, res, u);
    },
  });

  api.add({
    method: 'get',
    path: '/session',
    summary: 'Who is signed in, and the session’s CSRF token (for a page loaded after sign-in)',
    tag: 'session',
    success: 200,
    handler: ({ res }) => {
      const p = principalOf(res);
      if (p.kind === 'api-key') return { apiKey: p.userId.slice('api-key:'.length), agencyOri: p.agencyOri, roles: p.roles };
      // The session's CSRF token again, so a page loaded afresh (a reload, a deep link in a new tab)
      // can still send changes; only a same-origin page can read this answer (no CORS; ADR 0050).
      return { ...me(s.identity.user(p.userId)), ...(p.csrf !== undefined ? { csrfToken: p.csrf } : {}) };
    },
  });

  api.add({
    method: 'delete',
    path: '/session',
    summary: 'Sign out: the session ends for good, in every registry process (the cookie is cleared too)',
    tag: 'session',
    success: 204,
    handler: async ({ req, res }) => {
      const p = principalOf(res);
      if (p.kind === 'user' && p.session !== undefined) await s.identity.signOut(p.userId, p.session.id, p.session.expiresAt, actorOf(p));
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: secure(req), sameSite: 'strict', path: '/' });
      return undefined;
    },
  });

  api.add({
    method: 'post',
    path: '/session/password',
    summary: 'Change your password (required after a one-time password); starts a new session',
    tag: 'session',
    body: PasswordChange,
    success: 200,
    handler: async ({ req, res, body }) => {
      const p = principalOf(res);
      if (p.kind !== 'user') throw new Problem(403, 'ROLE_NOT_PERMITTED', 'Forbidden', 'API keys have no password.');
      const u = s.identity.user(p.userId);
      if (!(await verifyPassword(u.passwordHash ?? '', body.currentPassword)))
        throw new Problem(422, 'WRONG_PASSWORD', 'Rule not met', 'The current password is wrong.', { field: 'currentPassword' });
      if (body.newPassword === body.currentPassword) throw new Problem(422, 'SAME_PASSWORD', 'Rule not met', 'Choose a password different from the current one.', { field: 'newPassword' });
      await s.identity.changePassword(u.username, body.newPassword, actorOf(p));
      return setCookie(req, res, s.identity.user(u.username));
    },
  });
};
