import { randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'ccpor_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionClaims {
  readonly username: string;
  /** The user's password version when the session began; a password change ends older sessions. */
  readonly passwordVersion: number;
  /** Double-submit token: cookie-authenticated writes must send it in X-CSRF-Token. */
  readonly csrf: string;
}

/** Sessions as HS256-signed JWTs (jose); nothing is stored server-side. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    private readonly ttlMinutes: number,
  ) {
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }

  async issue(username: string, passwordVersion: number): Promise<{ token: string; csrf: string; expiresAt: Date }> {
    const csrf = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlMinutes * 60_000);
    const token = await new SignJWT({ pv: passwordVersion, csrf })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(username)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setAudience('ccpor')
      .sign(this.key);
    return { token, csrf, expiresAt };
  }

  async verify(token: string): Promise<SessionClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], audience: 'ccpor' });
      if (typeof payload.sub !== 'string' || typeof payload.pv !== 'number' || typeof payload.csrf !== 'string') return undefined;
      return { username: payload.sub, passwordVersion: payload.pv, csrf: payload.csrf };
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
