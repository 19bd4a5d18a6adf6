import type { NextFunction, Request, Response } from 'express';
import { sha256Hex } from '@ccpor/adapters';
import type { IdentityService } from '../identity/identity-service';
import type { Authenticated } from '../http/principal';
import { Problem } from '../http/problem';
import { parseApiKey, sameHex } from './api-key-secret';
import { CSRF_HEADER, sameSecret, SESSION_COOKIE, type SessionTokens } from './sessions';

export const readCookie = (req: Request, name: string): string | undefined => {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a user who must change a one-time password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/session', '/api/v1/session/password']);

const unauthenticated = (detail: string) => new Problem(401, 'UNAUTHENTICATED', 'Not signed in', detail);

/**
 * Finds who is calling: an API key (`Authorization: Bearer ccpor_…`, CMS integrations) or a
 * session cookie (people). The principal is rebuilt from the identity view on every request, so a
 * disabled user, a revoked key or changed roles take effect at once. Credentials that are present
 * but wrong are a 401 even on public routes, so a client learns its key is bad.
 */
export const authenticate =
  (identity: IdentityService, sessions: SessionTokens, maxStalenessMs?: number) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      // With several processes, another one may have disabled this user or revoked this key: a view
      // that cannot show it has every identity event older than the bound answers nobody (ADR 0060).
      if (maxStalenessMs !== undefined && Date.now() - identity.viewFreshAt > maxStalenessMs) {
        res.setHeader('Retry-After', '1');
        throw new Problem(503, 'IDENTITY_VIEW_BEHIND', 'Service unavailable', 'This registry process has not caught up with the accounts and keys recently; retry shortly.');
      }
      const auth = req.get('authorization');
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        const parsed = m ? parseApiKey(m[1]!) : undefined;
        const key = parsed ? identity.view.apiKeys.get(parsed.keyId) : undefined;
        // Hash even when the key id is unknown, so timing does not tell which ids exist.
        const presented = sha256Hex(parsed?.secret ?? '');
        if (!parsed || !key || key.revoked || !sameHex(presented, key.secretSha256)) throw unauthenticated('The API key is not valid or has been revoked.');
        const principal: Authenticated = {
          userId: `api-key:${key.keyId}`,
          agencyOri: key.agencyOri,
          roles: key.roles,
          cletsCertified: false,
          kind: 'api-key',
          via: 'api-key',
          mustChangePassword: false,
          issuingCourts: identity.view.issuingCourtsOf(key.agencyOri),
        };
        res.locals.principal = principal;
        return next();
      }
      const token = readCookie(req, SESSION_COOKIE);
      if (token === undefined) return next();
      const claims = await sessions.verify(token);
      const user = claims ? identity.view.users.get(claims.username) : undefined;
      // Signed out, disabled (even if enabled since), or the password changed or reset: ended for good.
      if (!claims || !user || user.disabled || user.sessionGeneration !== claims.generation || (await identity.sessionRevoked(claims.sessionId))) {
        // A cookie of a session that ended (expired, signed out, signed with a former key) is forgotten,
        // and never stands in the way of signing in again: the browser would otherwise be stuck.
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        if (req.method === 'POST' && `${req.baseUrl}${req.path}`.replace(/\/$/, '') === '/api/v1/session') return next();
        throw unauthenticated('Your session has ended; sign in again.');
      }
      if (!SAFE.has(req.method)) {
        const sent = req.get(CSRF_HEADER);
        if (sent === undefined || !sameSecret(sent, claims.csrf)) throw new Problem(403, 'CSRF_TOKEN_MISSING', 'Forbidden', 'Send the X-CSRF-Token header returned at sign-in with every change.', { field: 'X-CSRF-Token' });
      }
      const fullPath = `${req.baseUrl}${req.path}`.replace(/\/$/, '');
      if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(fullPath)) {
        throw new Problem(403, 'PASSWORD_CHANGE_REQUIRED', 'Password change required', 'Change your one-time password first (POST /api/v1/session/password).');
      }
      const principal: Authenticated = {
        userId: user.username,
        agencyOri: user.agencyOri,
        roles: user.roles,
        cletsCertified: user.cletsCertified,
        kind: 'user',
        via: 'cookie',
        mustChangePassword: user.mustChangePassword,
        csrf: claims.csrf,
        session: { id: claims.sessionId, expiresAt: claims.expiresAt.toISOString() },
        issuingCourts: identity.view.issuingCourtsOf(user.agencyOri),
      };
      res.locals.principal = principal;
      next();
    } catch (e) {
      next(e);
    }
  };
