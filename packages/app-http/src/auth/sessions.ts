import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'ccpor_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionClaims {
  readonly username: string;
  /** The session's own id (`jti`): signing out ends this one session. */
  readonly sessionId: string;
  /** The user's session generation when it began; a password change, reset or disabling moves it on and ends it. */
  readonly generation: number;
  /** Double-submit token: cookie-authenticated writes must send it in X-CSRF-Token. */
  readonly csrf: string;
  readonly expiresAt: Date;
}

/**
 * Sessions as HS256-signed JWTs (jose). The token is the whole session; what ends one early lives
 * in the identity streams (a sign-out, or a generation moved on: ADR 0035), so every process
 * following them refuses it, also after a restart.
 */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    private readonly ttlMinutes: number,
  ) {
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }

  async issue(username: string, generation: number): Promise<{ token: string; csrf: string; expiresAt: Date; sessionId: string }> {
    const csrf = randomBytes(24).toString('base64url');
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.ttlMinutes * 60_000);
    const token = await new SignJWT({ sg: generation, csrf })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(username)
      .setJti(sessionId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setAudience('ccpor')
      .sign(this.key);
    return { token, csrf, expiresAt, sessionId };
  }

  async verify(token: string): Promise<SessionClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], audience: 'ccpor' });
      if (typeof payload.sub !== 'string' || typeof payload.sg !== 'number' || typeof payload.csrf !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return undefined;
      return { username: payload.sub, sessionId: payload.jti, generation: payload.sg, csrf: payload.csrf, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return undefined;
    }
  }
}

export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
