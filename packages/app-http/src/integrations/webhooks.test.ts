import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { verifyWebhook, WEBHOOK_HEADERS } from '@ccpor/adapters';
import type { Role } from '@ccpor/domain';
import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, OTHER_COURT, signIn, startHarness, type Harness } from '../__tests__/harness';
import { createApp } from '../http/app';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { IntegrationService } from './integration-service';

/** One request as the receiver saw it. */
interface Received {
  readonly deliveryId: string;
  readonly body: string;
  readonly parsed: { event: { orderId: string; version: number; type: string; data?: unknown; redacted?: string[] }; order: { order: { details: { protectedPersons?: { name: { last: string } }[] } } } };
  readonly signature: string | undefined;
  readonly verified: boolean;
}

/**
 * A case-management system's webhook endpoint that misbehaves on purpose, by the number of times it
 * has seen a delivery: it fails, takes longer than the registry waits (so its acknowledgement is
 * lost and the delivery comes again: a duplicate), answers slowly but in time, or answers at once.
 */
const flakyReceiver = async (secret: () => string, behaviour: (seen: number, deliveryId: string) => 'fail' | 'too-slow' | 'slow' | 'ok') => {
  const received: Received[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const deliveryId = String(req.headers[WEBHOOK_HEADERS.deliveryId.toLowerCase()]);
      const signature = req.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string | undefined;
      const verified = verifyWebhook({ secret: secret(), header: signature, body, nowSeconds: Math.floor(Date.now() / 1000) }).ok;
      const n = (seen.get(deliveryId) ?? 0) + 1;
      seen.set(deliveryId, n);
      const act = behaviour(n, deliveryId);
      if (act === 'fail') {
        res.writeHead(503).end();
        return;
      }
      // A receiver records what it accepted before it answers (it may never get its answer out).
      received.push({ deliveryId, body, parsed: JSON.parse(body) as Received['parsed'], signature, verified });
      const delay = act === 'too-slow' ? 600 : act === 'slow' ? 80 : 0;
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200).end('ok');
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    received,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

let h: Harness;
let integrations: IntegrationService;
let app: ReturnType<typeof createApp>['app'];

const issueKey = async (agencyOri: string, roles: Role[]): Promise<string> => (await h.services.identity.issueApiKey({ agencyOri, label: `cms ${agencyOri}`, roles }, SYSTEM_ACTOR)).secret;

const subscribe = async (key: string, url: string, topics?: string[]) => {
  const r = await request(app).post('/api/v1/integrations/webhooks').set('Authorization', `Bearer ${key}`).send({ url, ...(topics ? { topics } : {}) }).expect(201);
  return r.body as { subscription: { id: string }; secret: string };
};

const settled = async (done: () => boolean, ms = 20_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_WEBHOOK_TIMEOUT_MS: '300', CCPOR_WEBHOOK_RETRY_MS: '20', CCPOR_WEBHOOK_MAX_ATTEMPTS: '4', CCPOR_WEBHOOK_ALLOW_HTTP: 'true' } });
  integrations = await IntegrationService.start({
    config: h.services.config.integrations,
    eventStore: h.services.store,
    sqlHome: h.services.sqlHome,
    memoryStore: true,
    audit: h.services.audit,
    clock: h.clock,
    apiKey: (id) => h.services.identity.view.apiKeys.get(id),
    logger: pino({ level: process.env.DEBUG_WEBHOOKS ? 'debug' : 'silent' }),
    metrics: h.services.metrics,
    pollIntervalMs: 20,
  });
  app = createApp({ ...h.services, integrations }).app;
});
afterAll(async () => {
  await integrations.stop();
  await h.close();
});

describe('webhooks and the pull feed', () => {
  it('delivers every change of an agency’s orders, in order per order, at least once with a stable id, signed, and nothing of another agency', async () => {
    let courtSecret = '';
    let otherSecret = '';
    // Per delivery: the first attempt fails for every third, the first is lost (too slow) for every
    // fourth, and the rest answer slowly or at once.
    const pick = (seen: number, id: string): 'fail' | 'too-slow' | 'slow' | 'ok' => {
      const h2 = parseInt(id.slice(0, 2), 16);
      if (seen === 1 && h2 % 3 === 0) return 'fail';
      if (seen === 1 && h2 % 4 === 1) return 'too-slow';
      return h2 % 2 === 0 ? 'slow' : 'ok';
    };
    const courtReceiver = await flakyReceiver(() => courtSecret, pick);
    const otherReceiver = await flakyReceiver(() => otherSecret, () => 'ok');
    const courtKey = await issueKey(COURT, ['query-only']);
    const otherKey = await issueKey(OTHER_COURT, ['query-only']);
    courtSecret = (await subscribe(courtKey, courtReceiver.url)).secret;
    otherSecret = (await subscribe(otherKey, otherReceiver.url)).secret;

    const clerk = await h.user('court-clerk');
    const otherClerk = await h.user('court-clerk', OTHER_COURT);
    const supervisor = await h.user('supervisor');
    const post = (c: typeof clerk, path: string, body: object) => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).send(body);
    const expected = new Map<string, number>();
    for (let i = 0; i < 5; i += 1) {
      const confidential = i === 0;
      const added = await post(clerk, '/orders', {
        details: sampleOrderInput({ caseNumber: `26FL00${i}`, protectedPersons: [{ name: { last: 'Rivera', first: 'Ana' }, confidential, minor: false }] }),
      }).expect(201);
      const id = added.body.orderId as string;
      await post(clerk, `/orders/${id}/modifications`, { changes: { terms: `changed ${i}` } }).expect(200);
      await post(clerk, `/orders/${id}/services`, {
        service: { serviceId: `pos-${i}`, servedAt: '2026-03-03T17:00:00.000Z', method: 'personal', servedBy: { name: 'Deputy Osei' }, servingAgencyOri: COURT },
      }).expect(200);
      await post(clerk, `/orders/${id}/modifications`, { changes: { terms: `changed again ${i}` } }).expect(200);
      expected.set(id, 4);
    }
    const otherOrder = String((await post(otherClerk, '/orders', { details: sampleOrderInput({ court: { ori: OTHER_COURT, county: '30', name: 'Orange' } }) }).expect(201)).body.orderId);
    // Sealed: the query-only key of the court may not see it, so it is withheld, never sent.
    const sealedOrder = String((await post(supervisor, '/orders', { details: sampleOrderInput({ sealed: true }) }).expect(201)).body.orderId);

    const courtIds = () => new Set(courtReceiver.received.map((r) => `${r.parsed.event.orderId}@${r.parsed.event.version}`));
    await settled(() => [...expected].every(([id, n]) => Array.from({ length: n }, (_, v) => `${id}@${v + 1}`).every((k) => courtIds().has(k))));
    await settled(() => otherReceiver.received.length >= 1);

    // In order per order: the first receipt of each delivery, per order, comes in version order.
    for (const id of expected.keys()) {
      const firsts: number[] = [];
      const seenIds = new Set<string>();
      for (const r of courtReceiver.received.filter((x) => x.parsed.event.orderId === id)) {
        if (seenIds.has(r.deliveryId)) continue;
        seenIds.add(r.deliveryId);
        firsts.push(r.parsed.event.version);
      }
      expect(firsts).toEqual([1, 2, 3, 4]);
    }
    // Stable ids: a delivery that came twice came with the same body; at least one did (a lost acknowledgement).
    const byId = new Map<string, string[]>();
    for (const r of courtReceiver.received) byId.set(r.deliveryId, [...(byId.get(r.deliveryId) ?? []), r.parsed.event.orderId + r.parsed.event.version]);
    const duplicates = [...byId.values()].filter((v) => v.length > 1);
    expect(duplicates.length).toBeGreaterThan(0);
    for (const v of duplicates) expect(new Set(v).size).toBe(1);
    expect(courtReceiver.received.every((r) => r.verified)).toBe(true);
    // Nothing of another agency, nothing sealed.
    expect(courtReceiver.received.some((r) => r.parsed.event.orderId === otherOrder || r.parsed.event.orderId === sealedOrder)).toBe(false);
    expect(otherReceiver.received.map((r) => r.parsed.event.orderId)).toEqual([otherOrder]);
    // Confidential protected persons are redacted for a query-only key, and so is the event data that names them.
    const confidentialOrder = [...expected.keys()][0]!;
    const first = courtReceiver.received.find((r) => r.parsed.event.orderId === confidentialOrder)!;
    expect(first.parsed.order.order.details.protectedPersons?.[0]?.name.last).toBe('REDACTED');
    expect(first.parsed.event.redacted).toEqual(['data']);
    expect(first.body).not.toContain('RIVERA","first":"ANA"},"confidential":true');

    // The sealed order's delivery is in the log as withheld, with the rule's code.
    const withheld = async () =>
      ((await request(app).get('/api/v1/integrations/deliveries?status=withheld').set('Authorization', `Bearer ${courtKey}`).expect(200)).body.deliveries as { payload: { orderId: string }; lastError: string }[]).filter(
        (d) => d.payload.orderId === sealedOrder,
      );
    let sealedRows = await withheld();
    for (const deadline = Date.now() + 10_000; sealedRows.length === 0 && Date.now() < deadline; sealedRows = await withheld()) await new Promise((r) => setTimeout(r, 50));
    expect(sealedRows).toEqual([expect.objectContaining({ lastError: expect.stringMatching(/^SEALED_ORDER/) })]);

    // The pull feed gives the same changes, in log order, with a cursor; nothing of the other agency or sealed.
    const page1 = await request(app).get('/api/v1/integrations/feed?limit=7').set('Authorization', `Bearer ${courtKey}`).expect(200);
    const page2 = await request(app).get(`/api/v1/integrations/feed?after=${page1.body.next}&limit=500`).set('Authorization', `Bearer ${courtKey}`).expect(200);
    const pulled = [...page1.body.entries, ...page2.body.entries] as { event: { orderId: string; version: number } }[];
    expect(pulled.map((e) => `${e.event.orderId}@${e.event.version}`).sort()).toEqual([...courtIds()].sort());
    await request(app).get('/api/v1/integrations/feed').set('Authorization', `Bearer ${courtKey}`).query({ agencyOri: OTHER_COURT }).expect(403);
    // Stopped subscriptions receive nothing more.
    for (const [key] of [[courtKey], [otherKey]]) {
      const subs = (await request(app).get('/api/v1/integrations/webhooks').set('Authorization', `Bearer ${key}`).expect(200)).body.subscriptions as { id: string }[];
      for (const sub of subs) await request(app).delete(`/api/v1/integrations/webhooks/${sub.id}`).set('Authorization', `Bearer ${key}`).expect(204);
    }
    await courtReceiver.close();
    await otherReceiver.close();
  });

  it('dead-letters a delivery after the last attempt and sends it again on an operator’s retry', async () => {
    let secret = '';
    let down = true;
    const receiver = await flakyReceiver(() => secret, () => (down ? 'fail' : 'ok'));
    const key = await issueKey(COURT, ['court-clerk']);
    const sub = await subscribe(key, receiver.url, ['order-changes']);
    secret = sub.secret;
    const clerk = await h.user('court-clerk');
    const id = (await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL999' }) }).expect(201)).body.orderId as string;
    await clerk.agent.post(`/api/v1/orders/${id}/modifications`).set('X-CSRF-Token', clerk.csrf).send({ changes: { terms: 'x' } }).expect(200);
    const dead = async () =>
      (await request(app).get(`/api/v1/integrations/deliveries?status=dead&subscriptionId=${sub.subscription.id}`).set('Authorization', `Bearer ${key}`).expect(200)).body.deliveries as { id: string; attempts: number; payload: { version: number } }[];
    let rows: Awaited<ReturnType<typeof dead>> = [];
    const deadline = Date.now() + 20_000;
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await dead();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempts: 4, payload: { version: 1 } });
    // The order's second change waits behind the dead letter: nothing arrived out of order.
    expect(receiver.received).toHaveLength(0);
    down = false;
    const created = await h.services.identity.createUser({ username: 'cmsadmin', displayName: 'Admin', agencyOri: COURT, roles: ['local-admin'], cletsCertified: false }, SYSTEM_ACTOR);
    const admin = await signIn(app, 'cmsadmin', created.oneTimePassword);
    await admin.agent.post(`/api/v1/integrations/deliveries/${rows[0]!.id}/retry`).set('X-CSRF-Token', admin.csrf).expect(200);
    await settled(() => receiver.received.length >= 2);
    expect(receiver.received.map((r) => r.parsed.event.version)).toEqual([1, 2]);
    await admin.agent.post(`/api/v1/integrations/deliveries/${rows[0]!.id}/retry`).set('X-CSRF-Token', admin.csrf).expect(409);
    await receiver.close();
  });

  it('signatures fail for a changed body, a wrong secret or an old timestamp (replay)', () => {
    const body = '{"a":1}';
    const now = 1_800_000_000;
    const header = `t=${now},v1=${createHmac('sha256', 's3cret').update(`${now}.${body}`).digest('hex')}`;
    expect(verifyWebhook({ secret: 's3cret', header, body, nowSeconds: now + 10 })).toEqual({ ok: true, timestamp: now });
    expect(verifyWebhook({ secret: 's3cret', header, body: '{"a":2}', nowSeconds: now })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook({ secret: 'other', header, body, nowSeconds: now })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook({ secret: 's3cret', header, body, nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook({ secret: 's3cret', header: 'v1=zz', body, nowSeconds: now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('subscriptions: https only unless allowed, own agency only, clerks may not subscribe', async () => {
    const key = await issueKey(COURT, ['query-only']);
    await request(app).post('/api/v1/integrations/webhooks').set('Authorization', `Bearer ${key}`).send({ url: 'https://user:pw@cms.example/hook' }).expect(400);
    const clerk = await h.user('court-clerk');
    const denied = await clerk.agent.post('/api/v1/integrations/webhooks').set('X-CSRF-Token', clerk.csrf).send({ url: 'https://cms.example/hook' }).expect(403);
    expect(denied.body.code).toBe('ROLE_NOT_PERMITTED');
    const listed = await request(app).get('/api/v1/integrations/webhooks').set('Authorization', `Bearer ${key}`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain('secret');
    const other = await issueKey(OTHER_COURT, ['query-only']);
    const theirs = listed.body.subscriptions[0] as { id: string } | undefined;
    if (theirs) await request(app).delete(`/api/v1/integrations/webhooks/${theirs.id}`).set('Authorization', `Bearer ${other}`).expect(403);
  });
});
