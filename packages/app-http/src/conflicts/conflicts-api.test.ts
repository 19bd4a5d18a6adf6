import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { decodeWith, OrderDetails, type OrderId, type Ori } from '@ccpor/domain';
import { sampleOrderInput } from '@ccpor/test-kit';
import { OTHER_COURT, startHarness, type Client, type Harness } from '../__tests__/harness';
import { toJsonSchema } from '../openapi/io-ts-schema';
import { CommandWarnings, OrderPrecedenceCodec, SearchHitsRelated } from './precedence-codecs';
import { OrderReadCodec } from '../orders/order-view-codecs';

/**
 * Issue 7 over HTTP: the order read's precedence block (related orders across counties, the
 * enforcement view, conflicts), orders withheld from callers who may not see them (ADR 0040),
 * warnings on drafts and adds, and the search hits' indicator at one statement per page.
 */
let h: Harness;
let clerk: Client;
let orangeClerk: Client;
let supervisor: Client;
let laSupervisor: Client;
beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
  orangeClerk = await h.user('court-clerk', OTHER_COURT);
  supervisor = await h.user('supervisor', OTHER_COURT);
  laSupervisor = await h.user('supervisor');
}, 60_000);
afterAll(() => h.close());

const person = (last: string, first: string, dateOfBirth: string) => ({ ...(sampleOrderInput().restrainedPerson as object), name: { last, first }, dateOfBirth });
const victim = (last: string, first: string, dateOfBirth: string) => [{ name: { last, first }, dateOfBirth, confidential: false, minor: false }];
const stayAway = (distanceYards: number) => ({ kind: 'stay-away', distanceYards, places: ['person', 'home'] });
const CRIMINAL = { form: 'CR-160', expiration: { kind: 'date', date: '2029-03-01' } };

let caseNo = 700_000;
const ORANGE = { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' };
const add = async (c: Client, overrides: Record<string, unknown>) => {
  // Each clerk enters orders in their own court's name (ADR 0034).
  const court = c === orangeClerk || c === supervisor ? { court: ORANGE } : {};
  const r = await c.agent
    .post('/api/v1/orders?wait=true')
    .set('X-CSRF-Token', c.csrf)
    .send({ details: sampleOrderInput({ caseNumber: `26FL${++caseNo}`, ...court, ...overrides }) })
    .expect(201);
  return { id: r.body.orderId as string, caseNumber: `26FL${caseNo}`, body: r.body };
};
/** The body as the OpenAPI document describes it: the codec's errors, none when it decodes. */
const violations = (codec: t.Mixed, body: unknown): string[] => {
  const r = codec.decode(body);
  return E.isRight(r) ? [] : PathReporter.report(r);
};

const read = async (c: Client, id: string) => {
  const r = await c.agent.get(`/api/v1/orders/${id}`).expect(200);
  expect(violations(OrderReadCodec, r.body)).toEqual([]);
  return r;
};

interface Term {
  dimension: string;
  orderId: string;
  step: string;
  rule: string;
  explanation: string;
}
interface Conflict {
  kind: string;
  dimension: string;
  orderIds: string[];
  needsJudge: boolean;
  rule: string;
  explanation: string;
}

describe('the order read shows the enforcement view and the conflicts for its parties', () => {
  it('matches an Orange County criminal order entered with a one-letter slip in the surname, and applies the ladder', async () => {
    const people = { restrainedPerson: person('Garcia', 'Luis', '1984-07-19'), protectedPersons: victim('Rivera', 'Marta', '1990-02-03') };
    const family = await add(clerk, { ...people, provisions: [stayAway(100), { kind: 'custody-visitation-carve-out', description: 'Weekend visits' }] });
    const criminal = await add(orangeClerk, {
      ...CRIMINAL,
      court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' },
      restrainedPerson: person('Garsia', 'Luis', '1984-07-19'),
      protectedPersons: people.protectedPersons,
      provisions: [{ kind: 'peaceful-contact-only' }, stayAway(300)],
    });
    // Same names, another date of birth: another man, not related.
    const stranger = await add(clerk, { restrainedPerson: person('Garcia', 'Luis', '1984-07-20'), protectedPersons: people.protectedPersons, provisions: [stayAway(50)] });

    const r = await read(clerk, family.id);
    const [pair] = r.body.precedence.pairs;
    expect(r.body.precedence.withheldOrders).toBe(0);
    expect(pair.protectedPerson).toBe(0);
    expect(pair.relatedOrders).toEqual([expect.objectContaining({ orderId: criminal.id, form: 'CR-160', caseNumber: criminal.caseNumber, state: 'in-force', match: 'phonetic' })]);
    expect(JSON.stringify(pair)).not.toContain(stranger.id);
    expect(pair.enforcement.inForce).toEqual(expect.arrayContaining([family.id, criminal.id]));
    const stay = (pair.enforcement.terms as Term[]).find((t) => t.dimension === 'stay-away');
    // Civil and criminal orders both exist: the latest criminal order's 300 yards are enforced (Pen. Code 136.2(c)(1); Fam. Code 6383(h)).
    expect(stay).toMatchObject({ orderId: criminal.id, step: 'latest-criminal', basis: 'statute' });
    expect(stay?.rule).toContain('the criminal order issued last is enforced');
    const kinds = (pair.conflicts as Conflict[]).map((c) => [c.kind, c.needsJudge]);
    expect(kinds).toEqual(expect.arrayContaining([['stay-away-differs', false], ['criminal-order-vs-visitation', true]]));
    const visitation = (pair.conflicts as Conflict[]).find((c) => c.kind === 'criminal-order-vs-visitation');
    expect(visitation?.rule).toContain('CRC 5.445');
    expect(visitation?.explanation).toContain(`CR-160 in case ${criminal.caseNumber}`);

    // Read from the other county, the same two orders and the same answer.
    const fromOrange = await read(orangeClerk, criminal.id);
    expect(fromOrange.body.precedence.pairs[0].relatedOrders.map((o: { orderId: string }) => o.orderId)).toEqual([family.id]);
    expect((fromOrange.body.precedence.pairs[0].enforcement.terms as Term[]).find((t) => t.dimension === 'stay-away')?.orderId).toBe(criminal.id);
  });

  it('an order with no other order about its parties has a view of its own terms and no conflicts', async () => {
    const alone = await add(clerk, { restrainedPerson: person('Zabrowski', 'Tomas', '1970-10-10'), protectedPersons: victim('Zabrowski', 'Eva', '1972-12-12') });
    const { precedence } = (await read(clerk, alone.id)).body;
    expect(precedence.pairs).toHaveLength(1);
    expect(precedence.pairs[0]).toMatchObject({ relatedOrders: [], conflicts: [], withheldOrders: 0, enforcement: { inForce: [alone.id] } });
    expect((precedence.pairs[0].enforcement.terms as Term[]).every((t) => t.step === 'no-conflict' && t.orderId === alone.id)).toBe(true);
  });

  it('each protected person is a pair of its own: an order about the second child conflicts only on that pair', async () => {
    const father = person('Petrossian', 'Aram', '1978-08-08');
    const both = await add(clerk, {
      restrainedPerson: father,
      protectedPersons: [...victim('Petrossian', 'Lusine', '2012-01-01'), ...victim('Petrossian', 'Narek', '2014-04-04')],
      provisions: [stayAway(100)],
    });
    const second = await add(orangeClerk, { ...CRIMINAL, restrainedPerson: father, protectedPersons: victim('Petrossian', 'Narek', '2014-04-04'), provisions: [stayAway(250)] });
    const { precedence } = (await read(clerk, both.id)).body;
    expect(precedence.pairs.map((p: { protectedPerson: number; relatedOrders: { orderId: string }[]; conflicts: Conflict[] }) => [p.protectedPerson, p.relatedOrders.map((o) => o.orderId), p.conflicts.map((c) => c.kind)])).toEqual([
      [0, [], []],
      [1, [second.id], ['stay-away-differs']],
    ]);
  });

  it('another agency’s draft about the same people is work in progress: neither listed, counted nor used', async () => {
    const people = { restrainedPerson: person('Ferreira', 'Joao', '1974-04-14'), protectedPersons: victim('Ferreira', 'Rita', '1976-06-16') };
    const order = await add(clerk, { ...people, provisions: [stayAway(100)] });
    await orangeClerk.agent
      .post('/api/v1/orders/drafts?wait=true')
      .set('X-CSRF-Token', orangeClerk.csrf)
      .send({ details: { form: 'CR-160', issuedAt: '2026-03-03T09:00:00-08:00', ...people, provisions: [stayAway(400)] } })
      .expect(201);
    const [pair] = (await read(clerk, order.id)).body.precedence.pairs;
    expect(pair).toMatchObject({ relatedOrders: [], conflicts: [], withheldOrders: 0, enforcement: { inForce: [order.id] } });
  });

  it('a draft shows what is enforced today, and its conflicts are warnings', async () => {
    const people = { restrainedPerson: person('Moreau', 'Luc', '1983-03-03'), protectedPersons: victim('Moreau', 'Claire', '1985-05-05') };
    const inForce = await add(orangeClerk, { ...people, ...CRIMINAL, provisions: [{ kind: 'no-contact' }] });
    const draft = await clerk.agent
      .post('/api/v1/orders/drafts')
      .set('X-CSRF-Token', clerk.csrf)
      .send({ details: { form: 'DV-110', ...people, provisions: [{ kind: 'peaceful-contact-only' }] } })
      .expect(201);
    const [pair] = (await read(clerk, draft.body.orderId)).body.precedence.pairs;
    expect(pair.enforcement.inForce).toEqual([inForce.id]);
    expect((pair.conflicts as Conflict[]).map((c) => [c.kind, c.dimension, c.orderIds])).toEqual([['proposed-contradicts-in-force', 'contact', [draft.body.orderId, inForce.id]]]);
  });

  it('a sealed order about the same people is counted for a clerk, never described, and the withholding is audited; a supervisor sees it', async () => {
    const people = { restrainedPerson: person('Okonkwo', 'Emeka', '1981-01-21'), protectedPersons: victim('Okonkwo', 'Ada', '1983-03-13') };
    const own = await add(clerk, { ...people, provisions: [stayAway(100)] });
    const sealed = await add(supervisor, { ...people, ...CRIMINAL, sealed: true, provisions: [{ kind: 'no-contact' }, stayAway(500)] });

    const r = await read(clerk, own.id);
    expect(r.body.precedence.withheldOrders).toBe(1);
    expect(r.body.precedence.pairs[0]).toMatchObject({ relatedOrders: [], conflicts: [], withheldOrders: 1 });
    const text = JSON.stringify(r.body);
    expect(text).not.toContain(sealed.id);
    expect(text).not.toContain(sealed.caseNumber);
    expect(text).not.toContain('500');

    await h.services.audit.flush();
    const audit = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
    const decisions = audit.flatMap((e) => (e.data as { decisions: Record<string, unknown>[] }).decisions);
    expect(decisions).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'order.read.related', orderId: sealed.id, allowed: false, code: 'SEALED_ORDER', route: 'GET /api/v1/orders/:orderId' })]),
    );

    const bySupervisor = await read(supervisor, own.id);
    expect(bySupervisor.body.precedence.withheldOrders).toBe(0);
    expect(bySupervisor.body.precedence.pairs[0].relatedOrders.map((o: { orderId: string }) => o.orderId)).toEqual([sealed.id]);
    expect((bySupervisor.body.precedence.pairs[0].conflicts as Conflict[]).map((c) => c.kind)).toEqual(['stay-away-differs']);
    // A supervisor of another agency is withheld it like anyone else (least privilege, ADR 0034).
    expect((await read(laSupervisor, own.id)).body.precedence.withheldOrders).toBe(1);
  });
});

describe('drafts and adds return conflicts with orders in force as warnings, not errors', () => {
  const people = { restrainedPerson: person('Lindqvist', 'Per', '1975-05-25'), protectedPersons: victim('Lindqvist', 'Karin', '1977-07-07') };
  let cpo: { id: string; caseNumber: string };
  beforeAll(async () => {
    cpo = await add(orangeClerk, { ...people, ...CRIMINAL, court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' }, provisions: [{ kind: 'no-contact' }] });
  });

  const post = (path: string, body: unknown) => clerk.agent.post(`/api/v1${path}`).set('X-CSRF-Token', clerk.csrf).send(body as object);

  it('a draft that allows visitation against a criminal no-contact order warns on create, update and add', async () => {
    const draft = await post('/orders/drafts', {
      details: { form: 'DV-130', caseNumber: '26FL799001', ...people, provisions: [{ kind: 'peaceful-contact-only' }, { kind: 'custody-visitation-carve-out' }] },
    }).expect(201);
    expect(draft.body.computed.status).toBe('draft');
    expect(violations(CommandWarnings, draft.body)).toEqual([]);
    expect((draft.body.warnings as Conflict[]).map((w) => [w.kind, w.dimension, w.needsJudge])).toEqual([
      ['proposed-contradicts-in-force', 'contact', false],
      ['proposed-contradicts-in-force', 'visitation', true],
    ]);
    expect(draft.body.warnings[0].orderIds).toEqual([draft.body.orderId, cpo.id]);
    expect(draft.body.warnings[0].explanation).toContain('no-contact order');

    // The clerk corrects the draft to agree with the criminal order: no warning left.
    const updated = await clerk.agent
      .patch(`/api/v1/orders/${draft.body.orderId}/draft`)
      .set('X-CSRF-Token', clerk.csrf)
      .set('If-Match', '"1"')
      .send({ details: { provisions: [{ kind: 'no-contact' }] } })
      .expect(200);
    expect(updated.body.warnings).toEqual([]);

    // The judge signs it with the visitation carve-out after all: it is added, and warned about.
    const added = await post(`/orders/${draft.body.orderId}/add`, {
      details: { ...sampleOrderInput({ caseNumber: '26FL799001', ...people }), provisions: [{ kind: 'no-contact' }, { kind: 'custody-visitation-carve-out' }] },
    }).expect(200);
    expect(added.body.computed.status).toBe('active');
    expect((added.body.warnings as Conflict[]).map((w) => [w.kind, w.dimension, w.needsJudge])).toEqual([['proposed-contradicts-in-force', 'visitation', true]]);
  });

  it('a draft about people with a sealed order says one exists, by count only, and audits the withholding; a supervisor gets the warning itself', async () => {
    const sealedPeople = { restrainedPerson: person('Varga', 'Bence', '1979-09-19'), protectedPersons: victim('Varga', 'Zsofia', '1982-02-12') };
    const sealed = await add(supervisor, { ...sealedPeople, ...CRIMINAL, sealed: true, provisions: [{ kind: 'no-contact' }] });
    const draft = await post('/orders/drafts', { details: { form: 'DV-110', ...sealedPeople, provisions: [{ kind: 'peaceful-contact-only' }] } }).expect(201);
    expect(violations(CommandWarnings, draft.body)).toEqual([]);
    expect(draft.body.warnings).toEqual([]);
    expect(draft.body.withheldOrders).toBe(1);
    const text = JSON.stringify(draft.body);
    expect(text).not.toContain(sealed.id);
    expect(text).not.toContain(sealed.caseNumber);
    await h.services.audit.flush();
    const audit = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
    const decisions = audit.flatMap((e) => (e.data as { decisions: Record<string, unknown>[] }).decisions);
    expect(decisions).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'order.read.related', orderId: sealed.id, allowed: false, code: 'SEALED_ORDER', route: 'POST /api/v1/orders/drafts' })]),
    );

    const bySupervisor = await supervisor.agent
      .post('/api/v1/orders/drafts')
      .set('X-CSRF-Token', supervisor.csrf)
      .send({ details: { form: 'DV-110', ...sealedPeople, provisions: [{ kind: 'peaceful-contact-only' }] } })
      .expect(201);
    expect(bySupervisor.body).not.toHaveProperty('withheldOrders');
    expect((bySupervisor.body.warnings as Conflict[]).map((w) => [w.dimension, w.orderIds[1]])).toEqual([['contact', sealed.id]]);
  });

  it('adding an order directly warns too; other commands carry no warnings', async () => {
    const others = { restrainedPerson: person('Haddad', 'Sami', '1986-06-16'), protectedPersons: victim('Haddad', 'Rana', '1988-08-18') };
    const criminal = await add(orangeClerk, { ...others, ...CRIMINAL, court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' }, provisions: [{ kind: 'no-contact' }] });
    const r = await post('/orders', { details: sampleOrderInput({ caseNumber: '26FL799002', ...others, provisions: [stayAway(100)] }) }).expect(201);
    // The criminal order says nothing about stay-away: no term differs, so no warning.
    expect(r.body.warnings).toEqual([]);
    const contradicting = await post('/orders', { details: sampleOrderInput({ caseNumber: '26FL799003', ...others, provisions: [{ kind: 'peaceful-contact-only' }] }) }).expect(201);
    expect((contradicting.body.warnings as Conflict[]).map((w) => [w.dimension, w.orderIds])).toEqual([['contact', [contradicting.body.orderId, criminal.id]]]);
    const modified = await post(`/orders/${r.body.orderId}/modifications`, { changes: { terms: 'Stay 150 yards away.' } }).expect(200);
    expect(modified.body).not.toHaveProperty('warnings');
  });
});

describe('a pair with more orders in force than one request computes (issue 12, finding 4)', () => {
  it('the order read lists them and says "too many related orders"; search hits give the count and the same note', async () => {
    const people = { restrainedPerson: person('Manyorders', 'Max', '1970-07-07'), protectedPersons: victim('Manyorders', 'Mia', '1972-02-02') };
    const actor = { userId: 'setup', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' as const };
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const details = decodeWith(OrderDetails)(sampleOrderInput({ ...people, caseNumber: `26FL6${String(i).padStart(5, '0')}`, provisions: [stayAway(100 + i)] }));
      if (E.isLeft(details)) throw new Error('fixture');
      const id = h.services.ids.newId() as OrderId;
      const r = await h.services.commands.handle({ type: 'AddOrder', orderId: id, enteringAgencyOri: 'CA019015J' as Ori, details: details.right, source: { kind: 'registry' } }, { actor });
      if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
      ids.push(id);
    }
    await h.services.search.waitFor(h.services.search.position!, 5000);
    const [pair] = (await read(clerk, ids[0]!)).body.precedence.pairs;
    expect(pair.relatedOrders).toHaveLength(29);
    expect(pair).not.toHaveProperty('enforcement');
    expect(pair).not.toHaveProperty('conflicts');
    expect(pair.tooManyRelatedOrders).toEqual({ orders: 30, limit: 25, message: expect.stringMatching(/^too many related orders: 30, see the list/) });
    const hits = await clerk.agent.get('/api/v1/search?lastName=Manyorders&dateOfBirth=1970-07-07&limit=5').expect(200);
    expect(violations(SearchHitsRelated, hits.body)).toEqual([]);
    expect(hits.body.hits[0].related).toEqual({ otherOrdersInForce: 29, tooManyRelatedOrders: expect.objectContaining({ orders: 30 }) });
  });
});

describe('search hits carry a compact related-orders indicator', () => {
  it('counts other orders in force and their conflicts per hit, with one statement per page whatever its size', async () => {
    const people = { restrainedPerson: person('Vasquez-Ortega', 'Ruben', '1969-09-09'), protectedPersons: victim('Vasquez', 'Lena', '1971-01-01') };
    const civil = await add(clerk, { ...people, provisions: [stayAway(100), { kind: 'custody-visitation-carve-out' }] });
    const criminal = await add(orangeClerk, { ...people, ...CRIMINAL, court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' }, provisions: [{ kind: 'no-contact' }, stayAway(200)] });
    const lone = await add(clerk, { restrainedPerson: person('Vasquez-Ortega', 'Ruben', '1969-09-10'), protectedPersons: victim('Other', 'Person', '1980-01-01') });

    const r = await clerk.agent.get('/api/v1/search?lastName=Vasquez-Ortega&firstName=Ruben').expect(200);
    expect(violations(SearchHitsRelated, r.body)).toEqual([]);
    const byId = new Map((r.body.hits as { orderId: string; related: unknown }[]).map((x) => [x.orderId, x.related]));
    expect(byId.get(civil.id)).toEqual({ otherOrdersInForce: 1, conflicts: 2, needsJudge: true });
    expect(byId.get(criminal.id)).toEqual({ otherOrdersInForce: 1, conflicts: 2, needsJudge: true });
    expect(byId.get(lone.id)).toEqual({ otherOrdersInForce: 0, conflicts: 0, needsJudge: false });

    // Count the statements a search sends to the views: a page of one hit and a page of many cost the same.
    const db = h.services.search.views.db;
    const statements = async (query: string): Promise<{ hits: number; statements: number; linking: number }> => {
      const plain = jest.spyOn(db, 'query');
      const prepared = jest.spyOn(db, 'queryPrepared');
      try {
        const page = await clerk.agent.get(`/api/v1/search?${query}`).expect(200);
        const linking = prepared.mock.calls.filter(([name]) => String(name).startsWith('ccpor_related_linked')).length;
        return { hits: page.body.hits.length, statements: plain.mock.calls.length + prepared.mock.calls.length, linking };
      } finally {
        plain.mockRestore();
        prepared.mockRestore();
      }
    };
    for (let i = 0; i < 12; i++) await add(clerk, { restrainedPerson: person('Pageman', 'Otto', '1960-06-06'), protectedPersons: victim('Pageman', `Kid${'abcdefghijkl'[i]}`, '1990-06-06') });
    const one = await statements('lastName=Vasquez-Ortega&firstName=Ruben&dateOfBirth=1969-09-10');
    const many = await statements('lastName=Pageman&firstName=Otto&dateOfBirth=1960-06-06');
    expect(one.hits).toBe(1);
    expect(many.hits).toBe(12);
    expect(many.statements).toBe(one.statements);
    expect([one.linking, many.linking]).toEqual([1, 1]);
  });
});

describe('the OpenAPI document describes what these routes add', () => {
  it('from the same codecs the API tests decode the answers with', async () => {
    const doc = (await h.admin.agent.get('/api/v1/openapi.json').expect(200)).body;
    const success = (path: string, method: string, status: string) => doc.paths[path][method].responses[status].content['application/json'].schema;
    const read = success('/api/v1/orders/{orderId}', 'get', '200');
    expect(read).toEqual(toJsonSchema(OrderReadCodec));
    expect(read.properties.precedence.required).toEqual(Object.keys(OrderPrecedenceCodec.props));
    for (const [path, method, status] of [
      ['/api/v1/orders/drafts', 'post', '201'],
      ['/api/v1/orders/{orderId}/draft', 'patch', '200'],
      ['/api/v1/orders', 'post', '201'],
      ['/api/v1/orders/{orderId}/add', 'post', '200'],
    ] as const)
      expect(success(path, method, status)).toEqual(toJsonSchema(CommandWarnings));
    expect(success('/api/v1/orders/{orderId}/modifications', 'post', '200')).toEqual({});
    // conflicts and needsJudge are left out, for tooManyRelatedOrders, past 25 orders in force about a pair (ADR 0037).
    const related = success('/api/v1/search', 'get', '200').properties.hits.items.properties.related;
    expect(related.required ?? related.allOf?.flatMap((s: { required?: string[] }) => s.required ?? [])).toEqual(['otherOrdersInForce']);
  });
});

describe('when the search views cannot be read', () => {
  it('a write still answers success and a read still answers, each saying the conflict check did not run', async () => {
    const broken = await startHarness();
    try {
      const c = await broken.user('court-clerk');
      const added = await c.agent.post('/api/v1/orders').set('X-CSRF-Token', c.csrf).send({ details: sampleOrderInput() }).expect(201);
      expect(added.body.warnings).toEqual([]);
      await broken.services.search.views.close();
      const again = await c.agent.post('/api/v1/orders').set('X-CSRF-Token', c.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL799100' }) }).expect(201);
      expect(again.body).not.toHaveProperty('warnings');
      expect(again.body.warningsUnavailable).toMatch(/could not be checked/);
      expect(violations(CommandWarnings, again.body)).toEqual([]);
      const r = await c.agent.get(`/api/v1/orders/${again.body.orderId}`).expect(200);
      expect(r.body).not.toHaveProperty('precedence');
      expect(r.body.precedenceUnavailable).toMatch(/could not be checked/);
      expect(r.body.computed.status).toBe('active');
    } finally {
      await broken.services.search.stop();
      await broken.services.readModel.stop();
      await broken.services.store.close();
    }
  });
});
