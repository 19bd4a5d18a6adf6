import * as E from 'fp-ts/Either';
import { decodeWith, DraftDetails, OrderDetails, ROLES, type CommandInput, type GlobalPosition, type ImageRef, type OrderId, type Ori, type Role } from '@ccpor/domain';
import { sampleOrderInput, samplePdf } from '@ccpor/test-kit';
import { COURT, OTHER_COURT, startHarness, type Client, type Harness } from '../__tests__/harness';
import { UPLOAD_EXTRA } from '../images/image-provenance';

/**
 * Every role × route × own/other agency × sealed/unsealed, through HTTP: the order routes, their
 * history, images (upload, attach by hash, download), statewide search (which finds an order or a
 * draft exactly when its GET answers), the audit replay, statistics, and role changes. The expectation is written out here (not asked of the policy), from CCPOR's roles
 * questionnaire (docs/ccpor-programme.md), the issue and ADR 0034–0036: entry roles change their
 * own agency's orders; everyone reads unsealed orders; a sealed order exists only for supervisors
 * of its own agency, on every route (404 for everyone else, as for an order that does not exist);
 * another agency's draft likewise; an image is attached by hash only by whoever uploaded it to that
 * order; the audit replay is the state administrator's, without a sealed order's data; DOJ reviews
 * need CLETS certification (none of these users has it).
 *
 * All requests run concurrently in beforeAll (each case on orders of its own), then each case is
 * asserted as its own test: one server, one start, a few seconds.
 */
type Kind = 'read' | 'draft.read' | 'history' | 'image.read' | 'write' | 'draft.write' | 'upload' | 'reference' | 'doj' | 'audit';
type Res = { status: number; body: Record<string, unknown>; orderId?: string };
interface RouteCase {
  readonly name: string;
  readonly kind: Kind;
  /** The order the case acts on is a draft. */
  readonly draft?: boolean;
  readonly send: (c: Client, order: Fixture) => Promise<Res>;
}
interface Fixture {
  readonly id: string;
  readonly sha256: string;
  readonly caseNumber: string;
  readonly position?: GlobalPosition | undefined;
}

const ENTRY: Role[] = ['court-clerk', 'supervisor', 'lea-data-entry'];
const csrf = <T extends { set: (k: string, v: string) => T }>(c: Client, r: T): T => r.set('X-CSRF-Token', c.csrf);

const ROUTES: RouteCase[] = [
  { name: 'GET order', kind: 'read', send: (c, o) => c.agent.get(`/api/v1/orders/${o.id}`) },
  { name: 'GET draft', kind: 'draft.read', draft: true, send: (c, o) => c.agent.get(`/api/v1/orders/${o.id}`) },
  // Search answers 200 either way: "allowed" means the order is among the hits, 404 that it is not.
  { name: 'search finds order', kind: 'read', send: (c, o) => c.agent.get(`/api/v1/search?caseNumber=${o.caseNumber}`) },
  { name: 'search finds draft', kind: 'draft.read', draft: true, send: (c, o) => c.agent.get(`/api/v1/search?caseNumber=${o.caseNumber}`) },
  { name: 'GET history', kind: 'history', send: (c, o) => c.agent.get(`/api/v1/orders/${o.id}/history`) },
  { name: 'GET image', kind: 'image.read', send: (c, o) => c.agent.get(`/api/v1/orders/${o.id}/images/${o.sha256}`) },
  { name: 'GET audit replay', kind: 'audit', send: (c, o) => c.agent.get(`/api/v1/audit/orders/${o.id}`) },
  { name: 'PATCH draft', kind: 'draft.write', draft: true, send: (c, o) => csrf(c, c.agent.patch(`/api/v1/orders/${o.id}/draft`)).send({ details: { terms: 'x' } }) },
  { name: 'DELETE draft', kind: 'draft.write', draft: true, send: (c, o) => csrf(c, c.agent.delete(`/api/v1/orders/${o.id}/draft`)).send({}) },
  { name: 'POST add from draft', kind: 'draft.write', draft: true, send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/add`)).send({}) },
  { name: 'POST modification', kind: 'write', send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/modifications`)).send({ changes: { terms: 'Amended.' } }) },
  {
    name: 'POST renewal',
    kind: 'write',
    send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/renewals`)).send({ requestFiledOn: '2026-03-03', expiration: { kind: 'date', date: '2029-03-02' } }),
  },
  {
    name: 'POST service',
    kind: 'write',
    send: (c, o) =>
      csrf(c, c.agent.post(`/api/v1/orders/${o.id}/services`)).send({
        service: { serviceId: 's1', servedAt: '2026-03-03T09:00:00-08:00', method: 'personal', servedBy: { name: 'Deputy Lee' }, servingAgencyOri: 'CA0194200' },
      }),
  },
  { name: 'POST cancellation', kind: 'write', send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/cancellation`)).send({ reason: 'entered-in-error' }) },
  { name: 'POST clone', kind: 'write', send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/clones`)).send({}) },
  {
    name: 'POST image upload',
    kind: 'upload',
    send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/images/upload`)).attach('file', Buffer.from(samplePdf(1, `matrix-${c.username}-${o.id}`)), { filename: 'DV130.pdf' }),
  },
  {
    name: 'POST image by hash (uploaded by someone else)',
    kind: 'reference',
    send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/images`)).send({ image: { sha256: o.sha256, mediaType: 'application/pdf', pages: 1, bytes: 1, kind: 'other' } }),
  },
  {
    name: 'PUT image by hash (uploaded by someone else)',
    kind: 'reference',
    send: (c, o) => csrf(c, c.agent.put(`/api/v1/orders/${o.id}/images/${o.sha256}`)).send({ image: { sha256: 'd'.repeat(64), mediaType: 'application/pdf', pages: 1, bytes: 1, kind: 'other' } }),
  },
  { name: 'DELETE image', kind: 'write', send: (c, o) => csrf(c, c.agent.delete(`/api/v1/orders/${o.id}/images/${o.sha256}`)).send({ reason: 'rescanned' }) },
  { name: 'POST DOJ review', kind: 'doj', send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/doj-reviews`)).send({ messageId: 'm1', outcome: 'accurate' }) },
  {
    name: 'POST firearm receipt',
    kind: 'write',
    send: (c, o) =>
      csrf(c, c.agent.post(`/api/v1/orders/${o.id}/firearm-receipts`)).send({
        receipt: { receiptId: 'r1', filedAt: '2026-03-03T09:00:00-08:00', filedBy: { name: 'D. Rivera', role: 'restrained-person' }, filedWith: ['court'], outcome: { kind: 'none-owned' } },
      }),
  },
  // A DV-130 is not filed with the court afterwards: an allowed caller gets the rule (422), others 403/404.
  { name: 'POST court filing', kind: 'write', send: (c, o) => csrf(c, c.agent.post(`/api/v1/orders/${o.id}/court-filing`)).send({ filedAt: '2026-03-03T09:00:00-08:00' }) },
];

type Want = 'allowed' | 'withheld' | 403 | 404;
const expected = (role: Role, kind: Kind, own: boolean, sealed: boolean): Want => {
  if (kind === 'audit') return role !== 'state-admin' ? 403 : sealed ? 'withheld' : 'allowed';
  if (sealed && !(role === 'supervisor' && own)) return 404;
  if ((kind === 'draft.write' || kind === 'draft.read') && !own) return 404;
  if (kind === 'read' || kind === 'draft.read' || kind === 'history' || kind === 'image.read') return 'allowed';
  if (kind === 'doj' || kind === 'reference') return 403;
  return ENTRY.includes(role) && own ? 'allowed' : 403;
};

let h: Harness;
const users = new Map<string, Client>();
const results = new Map<string, Res>();
const key = (...parts: unknown[]) => parts.join('|');

let n = 0;
/** 1 → a, 27 → ba: names take letters only. */
const letters = (k: number): string => (k < 26 ? String.fromCharCode(97 + k) : letters(Math.floor(k / 26)) + String.fromCharCode(97 + (k % 26)));
const uploader = { userId: 'matrix-uploader', agencyOri: COURT, roles: ['supervisor'], kind: 'user' as const };
/** An order of the court (a draft or issued, sealed or not), about people of its own, with one image. */
const newOrder = async (sealed: boolean, draft: boolean): Promise<Fixture> => {
  n += 1;
  const id = `5a1c7a52-8d4e-4b6a-9c1d-${String(n).padStart(12, '0')}` as OrderId;
  const caseNumber = `26FL8${String(n).padStart(5, '0')}`;
  const input = sampleOrderInput({ sealed, caseNumber, restrainedPerson: { ...(sampleOrderInput().restrainedPerson as object), name: { last: `Matrix${letters(n)}`, first: 'Max' } } });
  const details = draft ? decodeWith(DraftDetails)(input) : decodeWith(OrderDetails)(input);
  if (E.isLeft(details)) throw new Error('fixture');
  const command: CommandInput = draft
    ? { type: 'CreateDraft', orderId: id, enteringAgencyOri: COURT as Ori, details: details.right }
    : { type: 'AddOrder', orderId: id, enteringAgencyOri: COURT as Ori, details: details.right as OrderDetails, source: { kind: 'registry' } };
  const r = await h.services.commands.handle(command, { actor: uploader });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  const stored = await h.services.images.put(
    (async function* () {
      yield samplePdf(1, `fixture-${id}`);
    })(),
  );
  if (E.isLeft(stored)) throw new Error('image');
  const image = { ...stored.right, kind: 'order' } as ImageRef;
  const attached = await h.services.commands.handle({ type: 'AttachImage', orderId: id, image }, { actor: uploader, extra: UPLOAD_EXTRA });
  if (E.isLeft(attached)) throw new Error(JSON.stringify(attached.left));
  return { id, sha256: image.sha256, caseNumber, position: attached.right.position };
};

/** Runs `tasks` with at most `width` in flight. */
const pool = async (tasks: (() => Promise<void>)[], width: number): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
};

const AGENCIES = { own: COURT, other: OTHER_COURT } as const;
const orderCases: [Role, string, 'own' | 'other', boolean][] = [];
for (const role of ROLES) for (const r of ROUTES) for (const agency of ['own', 'other'] as const) for (const sealed of [false, true]) orderCases.push([role, r.name, agency, sealed]);

/** Statistics: an unsealed and a sealed order, each the only order issued in its month. */
const STATS_MONTH = { false: '2019-01', true: '2019-02' } as const;
const statsCases: [Role, 'own' | 'other', boolean][] = ROLES.flatMap((role) => (['own', 'other'] as const).flatMap((agency) => [false, true].map((sealed): [Role, 'own' | 'other', boolean] => [role, agency, sealed])));

/** Role changes on a court clerk of the court: a role anyone administering may give, and supervisor. */
const GRANTS = { 'query-only': ['court-clerk', 'query-only'], supervisor: ['court-clerk', 'supervisor'] } as const;
const grantCases: [Role, 'own' | 'other', keyof typeof GRANTS][] = ROLES.flatMap((role) => (['own', 'other'] as const).flatMap((agency) => (['query-only', 'supervisor'] as const).map((g): [Role, 'own' | 'other', keyof typeof GRANTS] => [role, agency, g])));
const expectedGrant = (role: Role, own: boolean, grant: keyof typeof GRANTS): number => {
  if (role === 'state-admin') return 200;
  if (role !== 'local-admin') return 403;
  if (!own) return 404; // another agency's user is answered as one that does not exist
  return grant === 'query-only' ? 200 : 403;
};

beforeAll(async () => {
  h = await startHarness();
  await pool(
    ROLES.flatMap((role) => Object.values(AGENCIES).map((ori) => async () => void users.set(`${role}@${ori}`, await h.user(role, ori)))),
    4,
  );
  // Read cases share one order per (sealed, draft); every other case gets orders of its own.
  const shared = new Map<string, Fixture>();
  for (const sealed of [false, true]) for (const draft of [false, true]) shared.set(key(sealed, draft), await newOrder(sealed, draft));
  // The search cases read the shared orders: the search view has them before any case runs.
  const last = shared.get(key(true, true))!.position;
  if (last === undefined || !(await h.services.search.waitFor(last, 30_000))) throw new Error('the search view did not catch up');
  for (const sealed of [false, true]) {
    const sup = users.get(`supervisor@${COURT}`)!;
    await sup.agent
      .post('/api/v1/orders?wait=true')
      .set('X-CSRF-Token', sup.csrf)
      .send({ details: sampleOrderInput({ sealed, caseNumber: `26FL70000${Number(sealed)}`, issuedAt: `${STATS_MONTH[String(sealed) as 'true' | 'false']}-15T10:00:00-08:00` }) })
      .expect(201);
  }
  const tasks: (() => Promise<void>)[] = [];
  for (const [role, name, agency, sealed] of orderCases) {
    const route = ROUTES.find((r) => r.name === name)!;
    const readOnly = ['read', 'draft.read', 'history', 'image.read', 'audit'].includes(route.kind);
    tasks.push(async () => {
      const order = readOnly ? shared.get(key(sealed, route.draft ?? false))! : await newOrder(sealed, route.draft ?? false);
      const r = await route.send(users.get(`${role}@${AGENCIES[agency]}`)!, order);
      results.set(key(role, name, agency, sealed), { status: r.status, body: r.body as Record<string, unknown>, orderId: order.id });
    });
  }
  for (const [role, agency, sealed] of statsCases)
    tasks.push(async () => {
      const month = STATS_MONTH[String(sealed) as 'true' | 'false'];
      const r = await users.get(`${role}@${AGENCIES[agency]}`)!.agent.get(`/api/v1/statistics?issuedFromMonth=${month}&issuedToMonth=${month}`);
      results.set(key('stats', role, agency, sealed), { status: r.status, body: r.body as Record<string, unknown> });
    });
  for (const [role, agency, grant] of grantCases)
    tasks.push(async () => {
      const target = `target.${role.replace(/-/g, '')}.${agency}.${grant.replace(/-/g, '')}`;
      await h.services.identity.createUser({ username: target, displayName: 'Target', agencyOri: COURT, roles: ['court-clerk'], cletsCertified: false }, uploader);
      const c = users.get(`${role}@${AGENCIES[agency]}`)!;
      const r = await c.agent.patch(`/api/v1/users/${target}/roles`).set('X-CSRF-Token', c.csrf).send({ roles: GRANTS[grant], cletsCertified: false });
      results.set(key('grant', role, agency, grant), { status: r.status, body: r.body as Record<string, unknown> });
    });
  await pool(tasks, 8);
}, 180_000);
afterAll(() => h.close());

describe('authorization matrix over HTTP: order routes, history, images, audit replay', () => {
  it.each(orderCases)('%s → %s on an order of %s agency (sealed=%s)', (role, name, agency, sealed) => {
    const route = ROUTES.find((r) => r.name === name)!;
    const res = results.get(key(role, name, agency, sealed))!;
    const want = expected(role, route.kind, agency === 'own', sealed);
    if (name.startsWith('search')) {
      expect(res.status).toBe(200);
      const found = (res.body.hits as { orderId: string }[]).map((hit) => hit.orderId);
      expect(found).toEqual(want === 'allowed' ? [res.orderId] : []);
      return;
    }
    if (want === 'allowed' || want === 'withheld') {
      expect([401, 403, 404]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
      if (route.kind === 'audit') expect('state' in res.body).toBe(want === 'allowed');
    } else {
      expect(res.status).toBe(want);
      // Hidden means hidden: the very answer an order that does not exist gets.
      if (want === 404 && route.kind !== 'image.read') expect(res.body).toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'orderId' });
    }
  });
});

describe('statistics: who may read them, and a sealed order counted only for those who may find it', () => {
  it.each(statsCases)('%s of the %s agency (sealed=%s)', (role, agency, sealed) => {
    const res = results.get(key('stats', role, agency, sealed))!;
    if (!['supervisor', 'local-admin', 'state-admin'].includes(role)) {
      expect(res.status).toBe(403);
      return;
    }
    expect(res.status).toBe(200);
    // A local administrator's report is their own agency's: the other court entered nothing.
    const findable = (!sealed || (role === 'supervisor' && agency === 'own')) && !(role === 'local-admin' && agency === 'other');
    expect(res.body.orders).toBe(findable ? 1 : 0);
  });
});

describe('role changes: who may give which role to a court clerk', () => {
  it.each(grantCases)('%s of the %s agency gives %s', (role, agency, grant) => {
    const res = results.get(key('grant', role, agency, grant))!;
    expect(res.status).toBe(expectedGrant(role, agency === 'own', grant));
  });
});

describe('global routes', () => {
  const global: [string, (c: Client) => Promise<{ status: number }>, (role: Role) => boolean][] = [
    ['search', (c) => c.agent.get('/api/v1/search?lastName=RIVERA'), () => true],
    ['list users', (c) => c.agent.get('/api/v1/users'), (r) => ['local-admin', 'state-admin'].includes(r)],
    ['list API keys', (c) => c.agent.get('/api/v1/api-keys'), (r) => ['local-admin', 'state-admin'].includes(r)],
    [
      'register agency',
      (c) => c.agent.post('/api/v1/agencies').set('X-CSRF-Token', c.csrf).send({ ori: 'CA0010000', name: 'Alameda PD', kind: 'other-lea', county: '01', carpos: { enabled: false } }),
      (r) => r === 'state-admin',
    ],
    ['audit verify', (c) => c.agent.post('/api/v1/audit/verify').set('X-CSRF-Token', c.csrf), (r) => r === 'state-admin'],
    [
      'close a day at the own court',
      (c) => c.agent.post(`/api/v1/courts/${COURT}/closures`).set('X-CSRF-Token', c.csrf).send({ date: '2026-12-28', reason: 'Storm', authority: 'gov-68115' }),
      (r) => ['local-admin', 'state-admin'].includes(r),
    ],
    ['firearm overdue report', (c) => c.agent.get('/api/v1/firearms/overdue'), (r) => ['supervisor', 'local-admin', 'state-admin'].includes(r)],
  ];
  const gcases = ROLES.flatMap((role) => global.map(([name]) => [role, name] as [Role, string]));
  it.each(gcases)('%s → %s', async (role, name) => {
    const [, send, allowed] = global.find(([n]) => n === name)!;
    const res = await send(users.get(`${role}@${COURT}`)!);
    if (allowed(role)) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(403);
  });

  it('a local administrator cannot create a state administrator, nor users of another agency', async () => {
    const la = users.get(`local-admin@${COURT}`)!;
    const post = (body: object) => la.agent.post('/api/v1/users').set('X-CSRF-Token', la.csrf).send(body);
    expect((await post({ username: 'sneaky', displayName: 'x', agencyOri: COURT, roles: ['state-admin'], cletsCertified: false })).status).toBe(403);
    expect((await post({ username: 'elsewhere', displayName: 'x', agencyOri: OTHER_COURT, roles: ['query-only'], cletsCertified: false })).status).toBe(403);
    const ok = await post({ username: 'newclerk', displayName: 'New Clerk', agencyOri: COURT, roles: ['local-admin'], cletsCertified: false }).expect(201);
    expect(ok.body.oneTimePassword).toHaveLength(20);
  });
});

describe('access audit', () => {
  it('records allowed and denied decisions in daily streams, without protected persons’ data', async () => {
    await h.services.audit.flush();
    const events = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
    const decisions = events.flatMap((e) => (e.data as { decisions: { allowed: boolean; action: string; code?: string }[] }).decisions);
    expect(decisions.some((d) => d.allowed)).toBe(true);
    for (const code of ['SEALED_ORDER', 'NOT_YOUR_AGENCY', 'DRAFT_OF_ANOTHER_AGENCY', 'IMAGE_REFERENCE_NOT_PROVEN', 'BEYOND_YOUR_REACH']) expect(decisions.some((d) => !d.allowed && d.code === code)).toBe(true);
    const text = JSON.stringify(decisions);
    for (const personal of ['Rivera', 'RIVERA', '1990-02-03', '1988-07-14', 'Ana']) expect(text).not.toContain(personal);
  });
});
