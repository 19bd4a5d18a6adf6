/**
 * The registry's API from the test itself (not the browser): to set up what a test needs, users of
 * several agencies for example, and to check what the browser did. Cookies kept by hand.
 */
/** JSON as the registry answers it; the tests read into it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export class ApiSession {
  private cookie = '';
  private csrf = '';

  private constructor(private readonly base: string) {}

  static async signIn(base: string, username: string, password: string): Promise<ApiSession> {
    const s = new ApiSession(base);
    const r = await s.call('POST', '/api/v1/session', { username, password });
    if (r.status !== 201) throw new Error(`sign-in of ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return s;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(this.cookie ? { Cookie: this.cookie } : {}), ...(this.csrf ? { 'X-CSRF-Token': this.csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = r.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await r.text();
    const parsed = text === '' ? undefined : JSON.parse(text);
    if (parsed && typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: r.status, body: parsed };
  }

  /** A GET whose answer is not JSON (an image), with this session's cookie. */
  async bytes(path: string): Promise<Buffer> {
    const r = await fetch(`${this.base}${path}`, { headers: this.cookie ? { Cookie: this.cookie } : {} });
    if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
    return Buffer.from(await r.arrayBuffer());
  }

  async ok(method: string, path: string, body?: unknown): Promise<Json> {
    const r = await this.call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

export interface NewUser {
  readonly username: string;
  readonly oneTimePassword: string;
}

/** The state administrator, past the forced password change, ready to create users. */
export const adminSession = async (base: string, admin: { username: string; oneTimePassword: string }, newPassword = 'admin-test-password-1'): Promise<ApiSession> => {
  const s = await ApiSession.signIn(base, admin.username, admin.oneTimePassword);
  await s.ok('POST', '/api/v1/session/password', { currentPassword: admin.oneTimePassword, newPassword });
  return s;
};

export const createUser = async (admin: ApiSession, u: { username: string; displayName: string; agencyOri: string; roles: string[]; cletsCertified?: boolean }): Promise<NewUser> => {
  const r = await admin.ok('POST', '/api/v1/users', { cletsCertified: false, ...u });
  return { username: u.username, oneTimePassword: r.oneTimePassword as string };
};

/** A user who has changed the one-time password, for tests that do not walk through sign-in. */
export const readyUser = async (base: string, admin: ApiSession, u: Parameters<typeof createUser>[1], password: string): Promise<void> => {
  const created = await createUser(admin, u);
  const s = await ApiSession.signIn(base, created.username, created.oneTimePassword);
  await s.ok('POST', '/api/v1/session/password', { currentPassword: created.oneTimePassword, newPassword: password });
};

export const DEMO = { laCourt: 'CA019015J', laSheriff: 'CA0194200', orangeCourt: 'CA030015J' } as const;
