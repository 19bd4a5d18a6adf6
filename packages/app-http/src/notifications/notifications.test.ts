import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { SmtpMail } from '@ccpor/adapters';
import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, signIn, startHarness, type Client, type Harness } from '../__tests__/harness';
import { createApp } from '../http/app';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { NotificationService } from './notification-service';

interface Mail {
  readonly to: string;
  readonly kind: string;
  readonly orderId: string;
  readonly raw: string;
}

const VICTIM = 'victim.rivera@example.org';
const OPTED_OUT = 'opted.out@example.org';

/** Every log line of the registry and the mail outbox, to prove no protected person's address is in one. */
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _e, cb) => (logLines.push(chunk.toString('utf8')), cb()) }));

let h: Harness;
let notifications: NotificationService;
let app: ReturnType<typeof createApp>['app'];
let smtp: SMTPServer;
const received: Mail[] = [];
let outage = false;
let refusedConnections = 0;

const header = (raw: string, name: string): string => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // An outage: the server answers every connection "421 try later", as a mail server that is down for maintenance does.
    onConnect(_session, callback) {
      if (!outage) return callback();
      refusedConnections += 1;
      return callback(Object.assign(new Error('Service not available, try later'), { responseCode: 421 }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, kind: header(raw, 'X-CCPOR-Notification'), orderId: header(raw, 'X-CCPOR-Order'), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  h = await startHarness({ logger });
  notifications = await NotificationService.start({
    config: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'CCPOR <no-reply@ccpor.test>', publicUrl: 'https://ccpor.test', expiryNoticeDays: 14, maxAttempts: 20, retryMs: 20, scheduleMs: 3_600_000 },
    secretsKey: undefined,
    eventStore: h.services.store,
    sqlHome: h.services.sqlHome,
    memoryStore: true,
    commands: h.services.commands,
    clock: h.clock,
    mail: new SmtpMail({ url: `smtp://127.0.0.1:${port}`, from: 'CCPOR <no-reply@ccpor.test>', timeoutMs: 2_000 }),
    logger,
    metrics: h.services.metrics,
    pollIntervalMs: 20,
  });
  app = createApp({ ...h.services, notifications }).app;
});
afterAll(async () => {
  await notifications.stop();
  await h.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const settled = async (done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

const userOn = async (role: 'court-clerk' | 'local-admin', username: string): Promise<Client> => {
  const created = await h.services.identity.createUser({ username, displayName: username, agencyOri: COURT, roles: [role], cletsCertified: false }, SYSTEM_ACTOR);
  return signIn(app, username, created.oneTimePassword);
};

const summary = () => received.map((m) => `${m.to} ${m.kind} ${m.orderId}`).sort();

describe('e-mail notifications through a real SMTP server', () => {
  it('sends exactly the expected messages, through an SMTP outage, respecting opt-out, with no protected person’s address in any log line', async () => {
    const clerk = await userOn('court-clerk', 'mailclerk');
    const admin = await userOn('local-admin', 'mailadmin');
    const post = (c: Client, path: string, body: object) => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).send(body);

    await admin.agent
      .put(`/api/v1/notifications/agencies/${COURT}/recipients`)
      .set('X-CSRF-Token', admin.csrf)
      .send({
        recipients: [
          { address: 'clerk.lead@court.example.gov', kinds: ['doj-rejected', 'doj-deadline-passed', 'renewal-window', 'firearm-receipt-overdue'], language: 'en' },
          { address: 'family.desk@court.example.gov', kinds: ['renewal-window'], language: 'es' },
        ],
      })
      .expect(200);

    const orderA = String((await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: '26FL000101' }) }).expect(201)).body.orderId);
    const orderB = String((await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: '26FL000102' }) }).expect(201)).body.orderId);
    const optIn = await post(clerk, `/orders/${orderA}/notification-contacts`, { protectedPerson: 0, address: VICTIM, language: 'es' }).expect(201);
    expect(JSON.stringify(optIn.body)).not.toContain(VICTIM);
    const optOut = await post(clerk, `/orders/${orderB}/notification-contacts`, { protectedPerson: 0, address: OPTED_OUT, language: 'en' }).expect(201);
    // The protected person of order B follows the unsubscribe link of an e-mail (the link is the registry's; here built as it builds it).
    const link = new URL(notifications.links.url(optOut.body.contact.id as string));
    await request(app).get(`${link.pathname}${link.search}`).expect(200);
    await request(app).get(`${link.pathname}?c=${optOut.body.contact.id as string}&s=forged`).expect(400);

    const serve = (id: string) =>
      post(clerk, `/orders/${id}/services`, { service: { serviceId: `pos-${id.slice(0, 4)}`, servedAt: '2026-03-03T17:00:00.000Z', method: 'personal', servedBy: { name: 'Deputy Osei' }, servingAgencyOri: COURT } }).expect(200);
    await serve(orderA);
    await serve(orderB);
    // Order B's restrained person files the firearm receipt in time; order A's never does.
    await post(clerk, `/orders/${orderB}/firearm-receipts`, {
      receipt: { receiptId: 'r-1', filedAt: '2026-03-03T17:30:00.000Z', filedBy: { name: 'R. Person', role: 'restrained-person' }, filedWith: ['court'], outcome: { kind: 'none-owned' } },
    }).expect(200);
    const reject = await h.services.commands.handle(
      { type: 'RecordDojRejection', orderId: orderA as never, transaction: 'enter', messageId: '00000001', errors: [{ field: 'HGT', reason: 'invalid height' }] },
      { actor: SYSTEM_ACTOR },
    );
    expect(reject._tag).toBe('Right');
    await settled(() => received.length >= 2).catch((e: unknown) => {
      process.stderr.write(`RECEIVED ${JSON.stringify(summary())}\nLOG ${logLines.filter((l) => /notification|mail/.test(l)).slice(-8).join('')}\n`);
      throw e;
    });

    // The SMTP server goes down; the DOJ deadline of both orders passes meanwhile.
    outage = true;
    h.clock.set('2026-03-05T18:00:00.000Z');
    await settled(async () => (await notifications.scanSchedule()) >= 0 && (await notifications.outbox.counts()).pending > 0);
    await settled(() => refusedConnections >= 2);
    expect(received).toHaveLength(2);
    outage = false;
    await settled(() => received.length >= 7).catch(async (e: unknown) => {
      const rows = await notifications.outbox.list({ limit: 50 });
      throw new Error(`${String(e)} ${JSON.stringify(rows.map((r) => [r.kind, r.status, r.attempts, r.nextAttemptAt, r.lastError]))} ${JSON.stringify(summary())} ${refusedConnections}`);
    });

    // Years later: the renewal window is open and expiry is two weeks away.
    h.clock.set('2029-02-20T18:00:00.000Z');
    await notifications.scanSchedule();
    await settled(() => received.length >= 12);
    await settled(async () => {
      const c = await notifications.outbox.counts();
      return c.pending + c.inFlight === 0;
    });
    await new Promise((r) => setTimeout(r, 200));

    expect(summary()).toEqual(
      [
        `${VICTIM} service-recorded ${orderA}`,
        `${VICTIM} expiry-upcoming ${orderA}`,
        `clerk.lead@court.example.gov doj-rejected ${orderA}`,
        // Each order has two DOJ deadlines past: entering the order, and its proof of service (ADR 0042).
        `clerk.lead@court.example.gov doj-deadline-passed ${orderA}`,
        `clerk.lead@court.example.gov doj-deadline-passed ${orderA}`,
        `clerk.lead@court.example.gov doj-deadline-passed ${orderB}`,
        `clerk.lead@court.example.gov doj-deadline-passed ${orderB}`,
        `clerk.lead@court.example.gov firearm-receipt-overdue ${orderA}`,
        `clerk.lead@court.example.gov renewal-window ${orderA}`,
        `clerk.lead@court.example.gov renewal-window ${orderB}`,
        `family.desk@court.example.gov renewal-window ${orderA}`,
        `family.desk@court.example.gov renewal-window ${orderB}`,
      ].sort(),
    );
    const victimMail = received.find((m) => m.to === VICTIM && m.kind === 'service-recorded')!;
    expect(victimMail.raw).toContain('orden de protecci');
    expect(victimMail.raw).toMatch(/List-Unsubscribe:\s+<https:\/\/ccpor\.test\/api\/v1\/notifications\/unsubscribe\?c=/);
    expect(header(victimMail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(victimMail.raw).toMatch(/Content-Type: text\/html/);
    expect(victimMail.raw).toMatch(/Content-Type: text\/plain/);

    // Served at 09:00 on 3 March (California): the receipt was due 48 hours later.
    const firearmMail = received.find((m) => m.kind === 'firearm-receipt-overdue')!;
    expect(firearmMail.raw).toContain('2026-03-05 09:00');

    // The delivery log shows what, to whom (redacted), when and how it went; never an address.
    const log = await admin.agent.get('/api/v1/notifications/deliveries?limit=500').expect(200);
    expect(log.body.deliveries).toHaveLength(12);
    expect(log.body.deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    expect(log.body.deliveries.some((d: { to: string; attempts: number }) => d.to === 'c•••@c•••.gov' && d.attempts > 1)).toBe(true);
    expect(log.body.deliveries.filter((d: { to: string }) => d.to.startsWith('protected person'))).toHaveLength(2);
    const everything = JSON.stringify(log.body) + logLines.join('');
    expect(logLines.length).toBeGreaterThan(0);
    for (const address of [VICTIM, OPTED_OUT]) expect(everything).not.toContain(address);
    expect(logLines.some((l) => l.includes('"outcome":"failed"'))).toBe(true);
  });

  it('previews every template in English and Spanish, for administrators only', async () => {
    const admin = await userOn('local-admin', 'previewadmin');
    const list = await admin.agent.get('/api/v1/notifications/templates').expect(200);
    expect(list.body.templates).toHaveLength(6);
    for (const { kind } of list.body.templates as { kind: string }[]) {
      for (const language of ['en', 'es']) {
        const r = await admin.agent.post(`/api/v1/notifications/templates/${kind}/preview`).set('X-CSRF-Token', admin.csrf).send({ language }).expect(200);
        expect(r.body.subject).toContain('26FL001234');
        expect(r.body.text).toContain('https://ccpor.example/api/v1/notifications/unsubscribe');
        expect(r.body.html).toMatch(/^<!doctype html><html lang="(en|es)">/);
      }
    }
    const clerk = await userOn('court-clerk', 'previewclerk');
    await clerk.agent.post('/api/v1/notifications/templates/service-recorded/preview').set('X-CSRF-Token', clerk.csrf).send({ language: 'en' }).expect(403);
    await admin.agent.post('/api/v1/notifications/templates/nothing/preview').set('X-CSRF-Token', admin.csrf).send({ language: 'en' }).expect(400);
  });

  it('refuses a bad address without echoing it', async () => {
    const clerk = await userOn('court-clerk', 'badaddrclerk');
    const id = String((await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL000199' }) }).expect(201)).body.orderId);
    const r = await clerk.agent.post(`/api/v1/orders/${id}/notification-contacts`).set('X-CSRF-Token', clerk.csrf).send({ protectedPerson: 0, address: 'not an address secret-value', language: 'en' }).expect(400);
    expect(JSON.stringify(r.body)).not.toContain('secret-value');
  });
});
