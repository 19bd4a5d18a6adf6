import { demoOrder } from '../demo/demo-orders';
import { ADMIN, baseEnv, dropSchema, eventually, prepareSchema, signIn, startRegistry, throwawaySchema, type RegistryProcess } from './__tests__/registry-process';

/**
 * Two registry processes on one PostgreSQL schema answer any request the same way (issue 18,
 * ADR 0060): sessions, lockout, idempotency keys and a user's disabling hold across them.
 */
const schema = throwawaySchema('two');
const BOUND_MS = 3000;
let a: RegistryProcess;
let b: RegistryProcess;

beforeAll(async () => {
  await prepareSchema(schema, ['clerk.one', 'clerk.two', 'clerk.three']);
  const env = baseEnv(schema, { CCPOR_IDENTITY_MAX_STALENESS_MS: String(BOUND_MS) });
  [a, b] = await Promise.all([startRegistry(env), startRegistry(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropSchema(schema);
});

const json = (cookie: string, csrf: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, ...extra });

describe('two registry processes on one schema', () => {
  it('uses a session opened on one on the other, and a sign-out on the other ends it on both at once', async () => {
    const s = await signIn(a.url, 'clerk.one');
    expect(s.status).toBe(201);
    const onB = await fetch(`${b.url}/api/v1/session`, { headers: { cookie: s.cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { username: string }).username).toBe('clerk.one');
    expect((await fetch(`${b.url}/api/v1/session`, { method: 'DELETE', headers: json(s.cookie, s.csrf) })).status).toBe(204);
    // No waiting: the revocation is in the shared table before the sign-out answers.
    expect((await fetch(`${a.url}/api/v1/session`, { headers: { cookie: s.cookie } })).status).toBe(401);
    expect((await fetch(`${b.url}/api/v1/session`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('locks an account after five failed logins spread over both processes', async () => {
    for (const [i, url] of [a.url, b.url, a.url, b.url, a.url].entries()) expect((await signIn(url, 'clerk.two', `wrong-password-${i}`)).status).toBe(401);
    // The right password no longer opens a session, on either process.
    await eventually(async () => (await signIn(b.url, 'clerk.two')).status === 401, 'the lockout to reach b', 5_000);
    expect((await signIn(a.url, 'clerk.two')).status).toBe(401);
    expect((await signIn(b.url, 'clerk.two')).status).toBe(401);
  });

  it('replays the first answer to an idempotency key retried on the other process', async () => {
    const s = await signIn(a.url, 'clerk.three');
    const body = JSON.stringify({ details: demoOrder(1, new Date().toISOString()).details });
    const headers = json(s.cookie, s.csrf, { 'idempotency-key': 'scale-idem-1' });
    const first = await fetch(`${a.url}/api/v1/orders`, { method: 'POST', headers, body });
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const retry = await fetch(`${b.url}/api/v1/orders`, { method: 'POST', headers, body });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    // The same key with another body is refused on either process.
    const other = await fetch(`${a.url}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify({ details: demoOrder(2, new Date().toISOString()).details }) });
    expect(other.status).toBe(422);
  });

  it('answers read-your-writes (?wait=) on both processes, only one of which runs the projector', async () => {
    const s = await signIn(a.url, 'clerk.three');
    const leaders = await Promise.all([a.url, b.url].map(async (url) => ((await (await fetch(`${url}/readyz`)).json()) as { leadership: { leading: string[] } }).leadership.leading));
    expect(leaders.filter((l) => l.includes('search-projector'))).toHaveLength(1);
    for (const [i, url] of [a.url, b.url].entries()) {
      const details = { ...demoOrder(12 + i, new Date().toISOString()).details, sealed: false };
      const res = await fetch(`${url}/api/v1/orders?wait=true`, { method: 'POST', headers: json(s.cookie, s.csrf), body: JSON.stringify({ details }) });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-ccpor-search-caught-up')).toBe('true');
      const position = res.headers.get('x-ccpor-position')!;
      // The other process's search finds it too, once it has waited for that position.
      const other = i === 0 ? b.url : a.url;
      const found = await fetch(`${other}/api/v1/search?caseNumber=${encodeURIComponent(details.caseNumber)}`, { headers: { cookie: s.cookie, 'x-ccpor-wait-for': position } });
      expect(found.status).toBe(200);
      expect(((await found.json()) as { count: number }).count).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a user disabled on one process on the other within the bound', async () => {
    const clerk = await signIn(b.url, 'clerk.one');
    const admin = await signIn(a.url, ADMIN);
    expect((await fetch(`${b.url}/api/v1/session`, { headers: { cookie: clerk.cookie } })).status).toBe(200);
    const disabled = await fetch(`${a.url}/api/v1/users/clerk.one/disable`, { method: 'POST', headers: json(admin.cookie, admin.csrf), body: JSON.stringify({ reason: 'left the court' }) });
    expect(disabled.status).toBe(200);
    const at = Date.now();
    await eventually(async () => (await fetch(`${b.url}/api/v1/session`, { headers: { cookie: clerk.cookie } })).status === 401, 'b to refuse the disabled user', BOUND_MS);
    process.stdout.write(`disabled user refused on the other process after ${Date.now() - at} ms (bound ${BOUND_MS} ms)\n`);
  });
});
