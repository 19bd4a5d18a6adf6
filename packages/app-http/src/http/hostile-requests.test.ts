import { connect, type Socket } from 'node:net';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { InMemoryEventStore } from '@ccpor/adapters';
import { signIn, testConfig, type Client } from '../__tests__/harness';
import { startServer, type RunningServer } from '../server/start-server';
import { createApp } from './app';
import { jsonDepthExceeds } from './request-limits';

/**
 * The transport side of issue 12 (findings 6 and 9), on a real listening server so the socket's
 * fate can be watched: bodies too deep, too large or too slow; keys a body may not carry; the
 * session cookie's Secure flag behind a proxy.
 */
let server: RunningServer;
let host: string;
let port: number;
let admin: Client;
beforeAll(async () => {
  server = await startServer(
    testConfig({ CCPOR_PORT: '0', CCPOR_BODY_TIMEOUT_MS: '500', CCPOR_REQUEST_TIMEOUT_MS: '1500', CCPOR_TRUSTED_PROXIES: 'loopback', CCPOR_IMAGE_MAX_BYTES: '65536' }),
    { eventStore: new InMemoryEventStore(), logger: pino({ level: 'silent' }) },
  );
  const url = new URL(server.url);
  host = url.hostname;
  port = Number(url.port);
  admin = await signIn(server.url as unknown as Express, server.bootstrap!.username, server.bootstrap!.password);
}, 60_000);
afterAll(() => server.shutdown());

/** Opens a raw connection, writes `head`, and resolves with what came back and how long until the server closed it. */
const raw = (head: string, keepSending?: { chunk: string; everyMs: number }): Promise<{ response: string; closedAfterMs: number }> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, host);
    let response = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      if (keepSending) timer = setInterval(() => socket.writable && socket.write(keepSending.chunk), keepSending.everyMs);
    });
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ response, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`the server kept the connection open: ${response.slice(0, 200)}`));
    }, 10_000).unref();
  });

describe('bodies too deep (finding 6)', () => {
  it('finds the depth of a JSON text in one pass, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds(Buffer.from('[[["]]]]]]]"]]]'), 3)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":{"b":[1]}}'), 2)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('"\\"[[[[[["'), 1)).toBe(false);
  });

  it('the reproduction: 5,000 nested brackets answer 400 JSON_TOO_DEEP on any JSON route, signed in or not, and the server stays up', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const anonymous = await request(server.url).post('/api/v1/session').set('Content-Type', 'application/json').send(deep).expect(400);
    expect(anonymous.body).toMatchObject({ code: 'JSON_TOO_DEEP', field: 'body' });
    const signedIn = await admin.agent.post('/api/v1/agencies').set('X-CSRF-Token', admin.csrf).set('Content-Type', 'application/json').send(`{"ori":${deep}}`).expect(400);
    expect(signedIn.body.code).toBe('JSON_TOO_DEEP');
    // Deep but under the bound still reaches the decoder, whose error describes it without recursing.
    const under = await admin.agent.post('/api/v1/agencies').set('X-CSRF-Token', admin.csrf).send({ ori: JSON.parse(`${'['.repeat(30)}${']'.repeat(30)}`) }).expect(400);
    expect(under.body).toMatchObject({ code: 'INVALID_VALUE', field: 'ori' });
    await request(server.url).get('/healthz').expect(200);
  });
});

describe('bodies decoded exactly (finding 9)', () => {
  it('the reproduction: unknown keys in an agency’s CARPOS settings, or a __proto__ key, are refused, never stored or merged', async () => {
    await admin.agent
      .post('/api/v1/agencies')
      .set('X-CSRF-Token', admin.csrf)
      .send({ ori: 'CA0370000', name: 'San Diego PD', kind: 'other-lea', county: '37', carpos: { enabled: false } })
      .expect(201);
    const unknown = await admin.agent.patch('/api/v1/agencies/CA0370000').set('X-CSRF-Token', admin.csrf).send({ carpos: { enabled: true, colour: 'red' } }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'INVALID_VALUE', field: 'carpos.colour' });
    const proto = await admin.agent
      .patch('/api/v1/agencies/CA0370000')
      .set('X-CSRF-Token', admin.csrf)
      .set('Content-Type', 'application/json')
      .send('{"carpos":{"enabled":true,"__proto__":{"mnemonic":"EVIL","submitter":"sheriff"}}}')
      .expect(400);
    expect(proto.body).toMatchObject({ code: 'INVALID_VALUE', field: 'carpos.__proto__' });
    const top = await admin.agent.patch('/api/v1/agencies/CA0370000').set('X-CSRF-Token', admin.csrf).send({ name: 'San Diego Police', extra: 1 }).expect(400);
    expect(top.body.field).toBe('extra');
    const stored = (await admin.agent.get('/api/v1/agencies').expect(200)).body.agencies.find((a: { ori: string }) => a.ori === 'CA0370000');
    expect(stored).toMatchObject({ name: 'San Diego PD', carpos: { enabled: false } });
    expect(Object.keys(stored.carpos)).toEqual(['enabled']);
  });
});

describe('bodies too large or too slow (finding 9)', () => {
  it('the reproduction: a declared Content-Length of 10^12 is answered 413 at once and the connection closed, unauthenticated', async () => {
    const r = await raw(`POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{"details":`, { chunk: ' ', everyMs: 20 });
    expect(r.response).toMatch(/^HTTP\/1\.1 413/);
    expect(r.response).toContain('BODY_TOO_LARGE');
    expect(r.closedAfterMs).toBeLessThan(3000);
  });

  it('an upload declaring more than the largest image is refused before a byte is read', async () => {
    const r = await raw(`POST /api/v1/orders/5a1c7a52-8d4e-4b6a-9c1d-000000000001/images/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 900000000\r\n\r\n`);
    expect(r.response).toMatch(/^HTTP\/1\.1 413/);
    expect(r.response).toContain('CCPOR_IMAGE_MAX_BYTES');
  });

  it('the reproduction: a client dribbling a JSON body is answered 408 and disconnected after CCPOR_BODY_TIMEOUT_MS', async () => {
    const r = await raw(`POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"username":`, { chunk: ' ', everyMs: 100 });
    expect(r.response).toMatch(/^HTTP\/1\.1 408/);
    expect(r.response).toContain('BODY_TIMEOUT');
    expect(r.closedAfterMs).toBeLessThan(3000);
  });

  it('a client dribbling an upload (or its headers) is cut off by the server’s request timeout', async () => {
    const upload = await raw(`POST /api/v1/orders/5a1c7a52-8d4e-4b6a-9c1d-000000000001/images/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 60000\r\n\r\n--b`, {
      chunk: 'x',
      everyMs: 100,
    });
    expect(upload.closedAfterMs).toBeLessThan(5000);
    const headers = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n', { chunk: 'X-Slow: 1\r\n', everyMs: 100 });
    expect(headers.closedAfterMs).toBeLessThan(5000);
  });
});

describe('the session cookie behind a TLS proxy (finding 9)', () => {
  let password: string;
  beforeAll(async () => {
    const created = await server.services.identity.createUser(
      { username: 'proxy.user', displayName: 'Proxy', agencyOri: 'CASTATE00', roles: ['query-only'], cletsCertified: false },
      { userId: 'test', agencyOri: 'CASTATE00', roles: [], kind: 'system' },
    );
    password = created.oneTimePassword;
  });
  /** The same registry behind another app: the given transport and TLS settings. */
  const appWith = (tls: boolean, trustedProxies: string[]) => createApp({ ...server.services, config: { ...server.services.config, tls, transport: { ...server.services.config.transport, trustedProxies } } }).app;
  const cookieOf = async (target: Parameters<typeof request>[0], forwardedProto?: string) => {
    const r = request(target).post('/api/v1/session');
    if (forwardedProto) r.set('X-Forwarded-Proto', forwardedProto);
    return String((await r.send({ username: 'proxy.user', password }).expect(201)).headers['set-cookie']);
  };

  it('the reproduction: Secure when a trusted proxy says the client came over HTTPS', async () => {
    expect(await cookieOf(server.url, 'https')).toMatch(/; Secure/);
    expect(await cookieOf(server.url, 'http')).not.toMatch(/; Secure/);
  });

  it('not Secure on the word of a peer that is not a trusted proxy; always Secure with CCPOR_TLS', async () => {
    expect(await cookieOf(appWith(false, []), 'https')).not.toMatch(/; Secure/);
    expect(await cookieOf(appWith(true, []))).toMatch(/; Secure/);
  });
});
