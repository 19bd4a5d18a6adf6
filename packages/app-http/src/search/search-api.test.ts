import * as E from 'fp-ts/Either';
import request from 'supertest';
import fc from 'fast-check';
import { ROLES, type OrderId, type Role } from '@ccpor/domain';
import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, OTHER_COURT, startHarness, type Client, type Harness } from '../__tests__/harness';

/**
 * GET /search and GET /statistics over HTTP, on the adapters' SQL views (in-memory PGlite beside
 * the memory store): matching, visibility by role and agency, DOJ redaction, paging, statistics
 * scope, and every error the routes answer.
 */
let h: Harness;
let clerk: Client;
let otherClerk: Client;
let supervisor: Client;
beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
  otherClerk = await h.user('court-clerk', OTHER_COURT);
  supervisor = await h.user('supervisor', OTHER_COURT);
}, 60_000);
afterAll(() => h.close());

const restrained = (last: string, first: string, dateOfBirth: string) => ({ ...(sampleOrderInput().restrainedPerson as object), name: { last, first }, dateOfBirth });

const ORANGE = { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' };
/** Adds an order in the caller's own court's name (ADR 0034): Orange County for the Orange users here. */
const add = async (c: Client, overrides: Record<string, unknown>): Promise<string> =>
  (
    await c.agent
      .post('/api/v1/orders?wait=true')
      .set('X-CSRF-Token', c.csrf)
      .send({ details: sampleOrderInput({ ...(c === supervisor || c === otherClerk ? { court: ORANGE } : {}), ...overrides }) })
      .expect(201)
  ).body.orderId as string;

const search = (c: Client, query: string) => c.agent.get(`/api/v1/search?${query}`);
const ids = (body: { hits: { orderId: string }[] }): string[] => body.hits.map((x) => x.orderId);

describe('statewide search', () => {
  it('finds a restrained person despite a one-letter slip in the surname, and says why', async () => {
    const id = await add(clerk, { caseNumber: '26FL300001', restrainedPerson: restrained('Kowalczyk', 'Marek', '1979-05-05') });
    const r = await search(otherClerk, 'lastName=Kowalcyk&firstName=Marek&dateOfBirth=1979-05-05').expect(200);
    expect(ids(r.body)).toEqual([id]);
    expect(r.body.hits[0]).toMatchObject({ matchedAs: 'restrained', person: { last: 'KOWALCZYK', first: 'MAREK', dateOfBirth: '1979-05-05' }, county: '19', status: 'active' });
    expect(r.body.hits[0].matchedOn).toEqual(expect.arrayContaining(['surname-trigram', 'first-name-exact', 'dob-exact']));
    expect(r.headers['x-ccpor-position']).toBeTruthy();
    // The protected person is not part of a restrained-person hit.
    expect(JSON.stringify(r.body)).not.toContain('ANA');
  });

  it('finds by case number whatever the punctuation, and by protected person', async () => {
    const id = await add(clerk, { caseNumber: '26FL300002', protectedPersons: [{ name: { last: 'Abernathy', first: 'Clara' }, dateOfBirth: '1993-03-03', confidential: false, minor: false }] });
    expect(ids((await search(otherClerk, 'caseNumber=26-FL-300002').expect(200)).body)).toEqual([id]);
    const p = await search(otherClerk, 'role=protected&lastName=Abernathy&dateOfBirth=1993-03-03').expect(200);
    expect(p.body.hits).toEqual([expect.objectContaining({ orderId: id, matchedAs: 'protected', person: expect.objectContaining({ last: 'ABERNATHY', confidential: false }) })]);
  });

  it('filters by county and status (repeated or comma-separated)', async () => {
    const id = await add(clerk, { restrainedPerson: restrained('Quintero', 'Luis', '1981-01-01') });
    expect(ids((await search(clerk, 'lastName=Quintero&dateOfBirth=1981-01-01&county=19&county=30').expect(200)).body)).toEqual([id]);
    expect((await search(clerk, 'lastName=Quintero&dateOfBirth=1981-01-01&county=30').expect(200)).body.hits).toEqual([]);
    expect(ids((await search(clerk, 'lastName=Quintero&dateOfBirth=1981-01-01&status=active,served').expect(200)).body)).toEqual([id]);
    expect((await search(clerk, 'lastName=Quintero&dateOfBirth=1981-01-01&status=canceled').expect(200)).body.hits).toEqual([]);
  });

  it('pages with a cursor: every hit once, in rank order', async () => {
    const added = [];
    for (let i = 0; i < 5; i += 1) added.push(await add(clerk, { restrainedPerson: restrained('Pagewright', 'Tom', '1970-10-10') }));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await search(clerk, `lastName=Pagewright&dateOfBirth=1970-10-10&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
      expect(r.body.hits.length).toBeLessThanOrEqual(2);
      seen.push(...ids(r.body));
      cursor = r.body.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...added].sort());
  });
});

describe('what each caller may find', () => {
  it('sealed orders only for supervisors of the agency that entered them', async () => {
    const id = await add(supervisor, { caseNumber: '26FL300010', sealed: true, restrainedPerson: restrained('Sealington', 'Roy', '1966-06-06') });
    expect((await search(clerk, 'caseNumber=26FL300010').expect(200)).body.hits).toEqual([]);
    expect((await search(clerk, 'lastName=Sealington&dateOfBirth=1966-06-06').expect(200)).body.hits).toEqual([]);
    const q = await h.user('query-only', OTHER_COURT);
    expect((await search(q, 'caseNumber=26FL300010').expect(200)).body.hits).toEqual([]);
    const found = await search(supervisor, 'caseNumber=26FL300010').expect(200);
    expect(found.body.hits).toEqual([expect.objectContaining({ orderId: id, sealed: true })]);
    // Least privilege (ADR 0034): a supervisor of another agency does not find it.
    expect((await search(await h.user('supervisor', COURT), 'caseNumber=26FL300010').expect(200)).body.hits).toEqual([]);
  });

  it('a confidential protected person is matched by name only for their order’s own agency data-entry staff, supervisors included', async () => {
    const id = await add(clerk, { protectedPersons: [{ name: { last: 'Hiddenfield', first: 'Zoe' }, dateOfBirth: '2011-11-11', confidential: true, minor: true }] });
    const query = 'role=protected&lastName=Hiddenfield&dateOfBirth=2011-11-11';
    expect(ids((await search(clerk, query).expect(200)).body)).toEqual([id]);
    expect(ids((await search(await h.user('supervisor', COURT), query).expect(200)).body)).toEqual([id]);
    expect((await search(supervisor, query).expect(200)).body.hits).toEqual([]);
    expect((await search(otherClerk, query).expect(200)).body.hits).toEqual([]);
    const ownQueryOnly = await h.user('query-only', COURT);
    expect((await search(ownQueryOnly, query).expect(200)).body.hits).toEqual([]);
    // The same order is still found through its restrained person, without the protected person.
    const byCase = await search(otherClerk, `caseNumber=${encodeURIComponent((sampleOrderInput().caseNumber as string))}`).expect(200);
    expect(ids(byCase.body)).toContain(id);
    expect(JSON.stringify(byCase.body)).not.toContain('HIDDENFIELD');
  });

  it('drafts only for the agency that entered them', async () => {
    const draft = await clerk.agent
      .post('/api/v1/orders/drafts?wait=true')
      .set('X-CSRF-Token', clerk.csrf)
      .send({ details: { form: 'DV-110', caseNumber: '26FL300020', restrainedPerson: restrained('Draftsman', 'Ivo', '1977-07-07') } })
      .expect(201);
    const own = await search(clerk, 'caseNumber=26FL300020').expect(200);
    expect(own.body.hits).toEqual([expect.objectContaining({ orderId: draft.body.orderId, status: 'draft' })]);
    expect((await search(otherClerk, 'caseNumber=26FL300020').expect(200)).body.hits).toEqual([]);
  });

  it('DOJ data (FCN, NIC, status) only for CLETS-certified users; an FCN lookup by anyone else is refused and audited', async () => {
    const id = await add(clerk, { caseNumber: '26FL300030' });
    const ack = await h.services.commands.handle(
      { type: 'RecordDojAcknowledgement', orderId: id as OrderId, transaction: 'enter', messageId: 'm-300030', fcn: '1900000300030' } as never,
      { actor: { userId: 'carpos', agencyOri: COURT, roles: ['court-clerk'], kind: 'system' } },
    );
    if (E.isLeft(ack)) throw new Error(JSON.stringify(ack.left));
    await h.services.search.waitFor(ack.right.position!, 5000);
    const plain = await search(otherClerk, 'caseNumber=26FL300030').expect(200);
    expect(plain.body.hits[0]).toMatchObject({ orderId: id, redacted: ['doj'] });
    expect(plain.body.hits[0].doj).toBeUndefined();
    expect(JSON.stringify(plain.body)).not.toContain('1900000300030');
    const refused = await search(otherClerk, 'fcn=1900000300030').expect(403);
    expect(refused.body).toMatchObject({ code: 'CLETS_CERTIFICATION_REQUIRED' });
    const certified = await h.user('court-clerk', OTHER_COURT, true);
    const byFcn = await search(certified, 'fcn=1900000300030').expect(200);
    expect(byFcn.body.hits).toEqual([expect.objectContaining({ orderId: id, doj: { fcn: '1900000300030', nic: null, status: 'acknowledged' }, redacted: [] })]);
    await h.services.audit.flush();
    const audit = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
    const decisions = audit.flatMap((e) => (e.data as { decisions: { allowed: boolean; action: string; code?: string; route: string }[] }).decisions);
    expect(decisions).toEqual(expect.arrayContaining([expect.objectContaining({ allowed: false, action: 'order.doj.read', code: 'CLETS_CERTIFICATION_REQUIRED', route: 'GET /api/v1/search' })]));
  });
});

describe('search errors', () => {
  it.each([
    // A rule on the whole query is named by the first parameter it asks for.
    ['', 'INVALID_QUERY', 'lastName'],
    ['firstName=Ana', 'INVALID_QUERY', 'lastName'],
    ['lastName=Rivera&dateOfBirth=1988-02-30', 'INVALID_QUERY', 'dateOfBirth'],
    ['lastName=Rivera&dobYears=1', 'INVALID_QUERY', 'lastName'],
    ['lastName=Rivera&dateOfBirth=1988-07-14&dobYears=9', 'INVALID_QUERY', 'dobYears'],
    ['lastName=Rivera&limit=0', 'INVALID_QUERY', 'limit'],
    ['lastName=Rivera&limit=500', 'INVALID_QUERY', 'limit'],
    ['lastName=Rivera&county=Atlantis', 'INVALID_QUERY', 'county'],
    ['lastName=Rivera&role=witness', 'INVALID_VALUE', 'role'],
    ['lastName=Rivera&cursor=not-a-cursor', 'INVALID_CURSOR', 'cursor'],
    ['lastName=Rivera&lastname=Rivera', 'UNKNOWN_PARAMETER', 'lastname'],
  ])('?%s → 400 %s naming %s', async (query, code, field) => {
    const r = await search(clerk, query).expect(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 400, code, field });
    expect(typeof r.body.detail).toBe('string');
  });

  it('401 without credentials, for search and statistics', async () => {
    for (const path of ['/api/v1/search?lastName=Rivera', '/api/v1/statistics']) {
      const r = await request(h.app).get(path).expect(401);
      expect(r.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('X-CCPOR-Wait-For: 400 when it is not a position, 503 when the view does not get there in time', async () => {
    const bad = await search(clerk, 'lastName=Rivera').set('X-CCPOR-Wait-For', 'soon').expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_POSITION', field: 'X-CCPOR-Wait-For' });
    const behind = await search(clerk, 'lastName=Rivera').set('X-CCPOR-Wait-For', '99999999999999999999:9999999999999999999').expect(503);
    expect(behind.body).toMatchObject({ code: 'VIEW_BEHIND' });
  });
});

describe('statistics', () => {
  it('statewide for supervisors and state administrators; a local administrator sees their own agency', async () => {
    await add(otherClerk, { court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' }, caseNumber: '26FL300040' });
    const state = await h.admin.agent.get('/api/v1/statistics').expect(200);
    expect(state.body.scope).toEqual({ kind: 'statewide' });
    expect(state.body.byCounty).toMatchObject({ '19': expect.any(Number), '30': expect.any(Number) });
    expect(state.body.orders).toBe(state.body.rows.reduce((n: number, r: { orders: number }) => n + r.orders, 0));
    // Sealed orders count only for those who may find them (ADR 0034): the Orange supervisor's one sealed order.
    const sup = await supervisor.agent.get('/api/v1/statistics').expect(200);
    expect(sup.body.orders).toBe(state.body.orders + 1);
    const local = await (await h.user('local-admin', OTHER_COURT)).agent.get('/api/v1/statistics').expect(200);
    expect(local.body.scope).toEqual({ kind: 'agency', agencyOri: OTHER_COURT });
    expect(local.body.orders).toBeGreaterThan(0);
    expect(local.body.orders).toBeLessThan(state.body.orders);
    // Only agencies of Orange County entered Orange County orders here; LA's own orders are not counted.
    expect(local.body.byCounty['30']).toBe(state.body.byCounty['30']);
    expect(local.body.byCounty['19'] ?? 0).toBeLessThan(state.body.byCounty['19']);
  });

  it('a sealed order or a draft of another agency moves nobody’s counts but theirs who may find it (the reproduction: a count that rose)', async () => {
    const la = await h.user('local-admin', COURT);
    const orangeAdmin = await h.user('local-admin', OTHER_COURT);
    const laSupervisor = await h.user('supervisor', COURT);
    const counts = async () =>
      Promise.all([h.admin, la, orangeAdmin, laSupervisor, supervisor].map(async (c) => (await c.agent.get('/api/v1/statistics').expect(200)).body.orders as number));
    const before = await counts();
    await add(supervisor, { caseNumber: '26FL300050', sealed: true });
    await otherClerk.agent.post('/api/v1/orders/drafts?wait=true').set('X-CSRF-Token', otherClerk.csrf).send({ details: { form: 'DV-110', caseNumber: '26FL300051' } }).expect(201);
    const after = await counts();
    // State administrator, LA's local administrator and supervisor: unchanged. Orange's local administrator: its own
    // agency's draft, not the sealed order. The Orange supervisor: both.
    expect(after.map((n, i) => n - before[i]!)).toEqual([0, 0, 1, 0, 2]);
  });

  it('filters by month of issue and county; bad filters are 400 naming the field; other roles 403', async () => {
    const none = await h.admin.agent.get('/api/v1/statistics?issuedFromMonth=2030-01').expect(200);
    expect(none.body.orders).toBe(0);
    const la = await h.admin.agent.get('/api/v1/statistics?county=19&issuedFromMonth=2026-03&issuedToMonth=2026-03').expect(200);
    expect(Object.keys(la.body.byCounty)).toEqual(['19']);
    expect(la.body.byIssueMonth).toEqual({ '2026-03': la.body.orders });
    const bad = await h.admin.agent.get('/api/v1/statistics?issuedFromMonth=March').expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_VALUE', field: 'issuedFromMonth' });
    const denied = await clerk.agent.get('/api/v1/statistics').expect(403);
    expect(denied.body.code).toBe('ROLE_NOT_PERMITTED');
  });
});

describe('search visibility matrix: every role × own/other agency × sealed, and confidential protected persons', () => {
  const DATA_ENTRY: Role[] = ['court-clerk', 'supervisor', 'lea-data-entry'];
  let caseN = 0;
  const users = new Map<string, Client>();
  beforeAll(async () => {
    for (const role of ROLES) for (const ori of [COURT, OTHER_COURT]) users.set(`${role}@${ori}`, await h.user(role, ori));
  }, 60_000);

  const cases: [Role, 'own' | 'other', boolean][] = ROLES.flatMap((role) => (['own', 'other'] as const).flatMap((agency) => [false, true].map((sealed): [Role, 'own' | 'other', boolean] => [role, agency, sealed])));

  // Written out from CCPOR's roles questionnaire and Fam. Code 6301.5 (docs/ccpor-programme.md),
  // the issue and ADR 0034, not asked of the policy: sealed orders only for
  // supervisors of the order's own agency; a confidential or minor protected person only for its data entry.
  it.each(cases)('%s of the %s agency, sealed=%s', async (role, agency, sealed) => {
    caseN += 1;
    const caseNumber = `26FL4${String(caseN).padStart(5, '0')}`;
    const surname = 'Matrixperson';
    // A DOB of its own per case, so each case's protected person is the only one born that day.
    const dob = `2010-${String(1 + Math.floor((caseN - 1) / 28)).padStart(2, '0')}-${String(1 + ((caseN - 1) % 28)).padStart(2, '0')}`;
    const entering = sealed ? await h.user('supervisor', COURT) : clerk;
    const id = await add(entering, { caseNumber, sealed, protectedPersons: [{ name: { last: surname, first: 'Kim' }, dateOfBirth: dob, confidential: true, minor: false }] });
    const c = users.get(`${role}@${agency === 'own' ? COURT : OTHER_COURT}`)!;
    const byCase = await search(c, `caseNumber=${caseNumber}`).expect(200);
    const seesSealed = role === 'supervisor' && agency === 'own';
    expect(ids(byCase.body)).toEqual(!sealed || seesSealed ? [id] : []);
    const byProtected = await search(c, `role=protected&lastName=${surname}&dateOfBirth=${dob}`).expect(200);
    const seesConfidential = DATA_ENTRY.includes(role) && agency === 'own';
    expect(ids(byProtected.body)).toEqual((!sealed || seesSealed) && seesConfidential ? [id] : []);
  });
});

describe('fuzzing the search query string', () => {
  it('never answers 5xx, and every 4xx is a problem naming the parameter at fault', async () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Rivera', '1988-07-14', '19', 'DV', 'active', '1', '0', '-1', '%', "O'Brien", '26FL001234', ''));
    const key = fc.constantFrom('role', 'lastName', 'firstName', 'caseNumber', 'fcn', 'dateOfBirth', 'dobYears', 'county', 'courtOri', 'orderType', 'form', 'status', 'issuedFrom', 'expiresTo', 'limit', 'cursor', 'bogus');
    const certified = await h.user('supervisor', COURT, true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 6 }), async (pairs) => {
        const qs = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const r = await search(certified, qs);
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) {
          expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(typeof r.body.code).toBe('string');
          expect(typeof r.body.detail).toBe('string');
          expect(typeof r.body.field).toBe('string');
        }
      }),
      { numRuns: 200 },
    );
  });
});
