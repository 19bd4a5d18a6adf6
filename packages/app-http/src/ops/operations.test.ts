import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { sampleOrderInput } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { startHarness, testConfig, type Harness } from '../__tests__/harness';
import { startServer } from '../server/start-server';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ logger: pino({ level: 'info' }, sink), config: { CCPOR_LOGIN_RATE_PER_MINUTE: '3' } });
});
afterAll(() => h.close());

describe('operations endpoints', () => {
  it('/healthz and /readyz', async () => {
    await request(h.app).get('/healthz').expect(200, { status: 'ok' });
    const r = await request(h.app).get('/readyz').expect(200);
    expect(r.body).toMatchObject({ status: 'ready', lagEvents: 0 });
  });

  it('/metrics: request counts and latencies by route, projection lag', async () => {
    await h.admin.agent.get('/api/v1/agencies').expect(200);
    const r = await request(h.app).get('/metrics').expect(200);
    expect(r.text).toMatch(/ccpor_http_requests_total\{method="GET",route="\/api\/v1\/agencies",status="200"\} \d+/);
    expect(r.text).toContain('ccpor_http_request_duration_seconds_bucket');
    expect(r.text).toContain('ccpor_projection_lag_events 0');
    expect(r.text).toContain('ccpor_access_decisions_total');
  });

  it('helmet headers and a request id on every response', async () => {
    const r = await request(h.app).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(r.headers['x-request-id']).toBe('abc-123');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBeDefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('logs are JSON with request ids and carry no personal data', async () => {
    const clerk = await h.user('court-clerk');
    await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput() }).expect(201);
    await clerk.agent.get('/api/v1/search?lastName=Rivera&dateOfBirth=1988-07-14').expect(200);
    const logged = lines.join('');
    expect(logged).toMatch(/"req":{"id":"[0-9a-f-]{36}"/);
    expect(logged).toContain('/api/v1/search');
    for (const personal of ['Rivera', 'RIVERA', '1988-07-14', '1990-02-03', 'ccpor_session=', clerk.csrf]) expect(logged).not.toContain(personal);
    expect(() => lines.map((l) => JSON.parse(l))).not.toThrow();
  });

  it('rate-limits sign-in attempts per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await request(h.app).post('/api/v1/session').send({ username: 'x.y.z', password: 'nope' })).status);
    expect(statuses).toContain(429);
  });
});

describe('graceful shutdown', () => {
  it('answers the request in flight, then closes the store', async () => {
    const store = new InMemoryEventStore();
    const running = await startServer(testConfig({ CCPOR_PORT: '0', CCPOR_WAIT_MAX_MS: '1500' }), { eventStore: store, logger: pino({ level: 'silent' }) });
    expect(running.bootstrap?.username).toBe('admin');
    const agent = request.agent(running.url);
    const login = await agent.post('/api/v1/session').send({ username: 'admin', password: running.bootstrap!.password }).expect(201);
    await agent.post('/api/v1/session/password').set('X-CSRF-Token', login.body.csrfToken).send({ currentPassword: running.bootstrap!.password, newPassword: 'a long new admin password' }).expect(200);
    // A search waiting for a position the view will never reach stays in flight until shutdown.
    const inFlight = agent.get('/api/v1/search?lastName=X').set('X-CCPOR-Wait-For', '99999999999999999999:9999999999999999999').then((r) => r.status);
    await new Promise((r) => setTimeout(r, 100));
    await running.shutdown();
    expect(await inFlight).toBe(503);
    await expect(request(running.url).get('/healthz')).rejects.toThrow();
    await expect(store.readAll({ maxCount: 1 })).rejects.toThrow();
  });
});
