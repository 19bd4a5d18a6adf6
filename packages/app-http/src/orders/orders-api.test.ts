import { sampleOrderInput, samplePdf } from '@ccpor/test-kit';
import { OTHER_COURT, startHarness, SHERIFF, type Client, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';

let h: Harness;
let clerk: Client;
beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
});
afterAll(() => h.close());

const post = (c: Client, path: string, body: unknown = {}) => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).send(body as object);

const addOrder = async (overrides: Record<string, unknown> = {}) => {
  const r = await post(clerk, '/orders?wait=true', { details: sampleOrderInput(overrides) }).expect(201);
  return r.body.orderId as string;
};

describe('the issuing court (ADR 0034)', () => {
  const ORANGE = { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' };
  const LA = sampleOrderInput().court as { ori: string };

  it('the reproduction: a clerk entering an order in another court’s name is refused, as an add, a draft or a draft update', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput({ court: ORANGE }) }).expect(403);
    expect(r.body).toMatchObject({ code: 'NOT_YOUR_COURT' });
    await post(clerk, '/orders/drafts', { details: { form: 'DV-110', court: ORANGE } }).expect(403);
    const draft = await post(clerk, '/orders/drafts', { details: { form: 'DV-110' } }).expect(201);
    await clerk.agent.patch(`/api/v1/orders/${draft.body.orderId}/draft`).set('X-CSRF-Token', clerk.csrf).send({ details: { court: ORANGE } }).expect(403);
    // Nor can a draft of one's own be added under another court's name.
    expect((await post(clerk, `/orders/${draft.body.orderId}/add`, { details: sampleOrderInput({ court: ORANGE }) }).expect(403)).body.code).toBe('NOT_YOUR_COURT');
    await post(clerk, `/orders/${draft.body.orderId}/add`, { details: sampleOrderInput({ court: LA, caseNumber: '26FL555001' }) }).expect(200);
  });

  it('a sheriff enters orders for the courts whose orders it is set up to submit, and for no other', async () => {
    const deputy = await h.user('lea-data-entry', SHERIFF);
    expect((await post(deputy, '/orders', { details: sampleOrderInput({ caseNumber: '26FL555010' }) }).expect(403)).body.code).toBe('NOT_YOUR_COURT');
    await h.services.identity.updateAgency(LA.ori, { carpos: { enabled: true, submitter: 'sheriff', submitterOri: SHERIFF } }, SYSTEM_ACTOR);
    try {
      const ok = await post(deputy, '/orders', { details: sampleOrderInput({ caseNumber: '26FL555011' }) }).expect(201);
      expect(ok.body.order).toMatchObject({ enteringAgencyOri: SHERIFF, details: { court: { ori: LA.ori } } });
      await post(deputy, '/orders', { details: sampleOrderInput({ court: ORANGE, caseNumber: '26FL555012' }) }).expect(403);
    } finally {
      await h.services.identity.updateAgency(LA.ori, { carpos: { enabled: true, mnemonic: 'LASC' } }, SYSTEM_ACTOR);
    }
  });
});

describe('order lifecycle over HTTP', () => {
  it('adds an order: 201, Location, ETag "1", computed fields and a position', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput() }).expect(201);
    expect(r.headers.location).toBe(`/api/v1/orders/${r.body.orderId}`);
    expect(r.headers.etag).toBe('"1"');
    expect(r.headers['x-ccpor-position']).toBeTruthy();
    expect(r.body.computed).toMatchObject({ status: 'active', expired: false });
    expect(r.body.order.enteringAgencyOri).toBe('CA019015J');
  });

  it('walks draft → update → add → modify → serve → image attach/replace/remove → renew → cancel', async () => {
    const { restrainedPerson: _r, ...partial } = sampleOrderInput();
    const draft = await post(clerk, '/orders/drafts', { details: { form: 'DV-130', caseNumber: '26FL009999' } }).expect(201);
    const id = draft.body.orderId as string;
    expect(draft.body.computed.status).toBe('draft');
    await clerk.agent.patch(`/api/v1/orders/${id}/draft`).set('X-CSRF-Token', clerk.csrf).set('If-Match', '"1"').send({ details: { ...partial, caseNumber: '26FL009999' } }).expect(200);
    const added = await post(clerk, `/orders/${id}/add`, { details: { restrainedPerson: sampleOrderInput().restrainedPerson } }).expect(200);
    expect(added.body.computed.status).toBe('active');
    const v = Number(JSON.parse(added.headers.etag as string));
    await post(clerk, `/orders/${id}/modifications`, { changes: { terms: 'Stay 150 yards away.' }, reason: 'court amended' }).set('If-Match', `"${v}"`).expect(200);
    const served = await post(clerk, `/orders/${id}/services`, {
      service: { serviceId: 'pos-1', servedAt: '2026-03-03T09:00:00-08:00', method: 'personal', servedBy: { name: 'Deputy Lee', badgeNumber: '4411' }, servingAgencyOri: SHERIFF },
    });
    expect(served.status).toBe(200);
    expect(served.body.computed.status).toBe('served');
    // Images come in by upload; a hash names only bytes this clerk uploaded to this order (ADR 0036).
    const upload = (bytes: Uint8Array, query = '') =>
      clerk.agent.post(`/api/v1/orders/${id}/images/upload${query}`).set('X-CSRF-Token', clerk.csrf).attach('file', Buffer.from(bytes), { filename: 'DV130.pdf' }).expect(201);
    const a = (await upload(samplePdf(1, 'lifecycle-a'))).body.image;
    const b = (await upload(samplePdf(1, 'lifecycle-b'), `?replaces=${a.sha256}`)).body.image;
    await clerk.agent.delete(`/api/v1/orders/${id}/images/${b.sha256}`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'wrong scan' }).expect(200);
    await post(clerk, `/orders/${id}/images`, { image: a }).expect(200);
    await clerk.agent.put(`/api/v1/orders/${id}/images/${a.sha256}`).set('X-CSRF-Token', clerk.csrf).send({ image: b }).expect(200);
    await clerk.agent.delete(`/api/v1/orders/${id}/images/${b.sha256}`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'wrong scan' }).expect(200);
    const canceled = await post(clerk, `/orders/${id}/cancellation`, { reason: 'terminated-by-court', note: 'Dismissed at hearing' }).expect(200);
    expect(canceled.body.computed.status).toBe('canceled');
    const history = await clerk.agent.get(`/api/v1/orders/${id}/history`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['DraftCreated', 'DraftUpdated', 'OrderAdded', 'OrderModified', 'ImageAttached', 'ImageReplaced', 'ImageRemoved', 'OrderCanceled']));
    expect(history.body.events[0].actor).toMatchObject({ userId: clerk.username, agencyOri: 'CA019015J', kind: 'user' });
  });

  it('discards a draft and clones an order into a new draft', async () => {
    const draft = await post(clerk, '/orders/drafts', { details: { form: 'DV-110' } }).expect(201);
    const discarded = await clerk.agent.delete(`/api/v1/orders/${draft.body.orderId}/draft`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'duplicate' }).expect(200);
    expect(discarded.body.computed.status).toBe('discarded');
    const id = await addOrder({ caseNumber: '26FL000777' });
    const clone = await post(clerk, `/orders/${id}/clones`, {}).expect(201);
    expect(clone.body.orderId).not.toBe(id);
    expect(clone.body.order.clonedFrom).toBe(id);
  });

  it('renews an order (rule failures name the rule: 422)', async () => {
    const id = await addOrder();
    const r = await post(clerk, `/orders/${id}/renewals`, { requestFiledOn: '2026-03-03', expiration: { kind: 'date', date: '2031-03-02' } });
    expect([200, 422]).toContain(r.status);
    if (r.status === 422) expect(r.body).toMatchObject({ code: expect.stringMatching(/^RENEWAL_/), status: 422 });
  });

  it('reads an order with ETag = version', async () => {
    const id = await addOrder();
    const r = await clerk.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(r.headers.etag).toBe('"1"');
    expect(r.body).toMatchObject({ orderId: id, version: 1, computed: { status: 'active' } });
  });
});

describe('errors as problem+json', () => {
  it('400 names the field of a malformed body', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: 42 }) }).expect(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 400, code: 'INVALID_VALUE', field: 'details.caseNumber' });
  });

  it('400 for JSON that does not parse', async () => {
    const r = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).set('Content-Type', 'application/json').send('{"details":').expect(400);
    expect(r.body.code).toBe('MALFORMED_JSON');
  });

  it('404 for an unknown order, 400 for an id that is not a UUID', async () => {
    await clerk.agent.get('/api/v1/orders/3f1c7a52-8d4e-4b6a-9c1d-000000000000').expect(404);
    const r = await clerk.agent.get('/api/v1/orders/not-a-uuid').expect(400);
    expect(r.body.field).toBe('orderId');
  });

  it('409 on a command the order’s state forbids; 422 on a rule', async () => {
    const id = await addOrder();
    await post(clerk, `/orders/${id}/cancellation`, { reason: 'entered-in-error' }).expect(200);
    const again = await post(clerk, `/orders/${id}/cancellation`, { reason: 'entered-in-error' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ORDER_ALREADY_CANCELED');
    const future = await post(clerk, '/orders', { details: sampleOrderInput({ issuedAt: '2027-01-01T10:00:00-08:00' }) }).expect(422);
    expect(future.body).toMatchObject({ code: 'ISSUED_IN_FUTURE', field: expect.any(String) });
  });

  it('413 for a body over the limit', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput({ terms: 'x'.repeat(300_000) }) }).expect(413);
    expect(r.body.code).toBe('BODY_TOO_LARGE');
  });

  it('404 problem for an unknown API route', async () => {
    const r = await clerk.agent.get('/api/v1/nowhere').expect(404);
    expect(r.body.code).toBe('NO_SUCH_ROUTE');
  });
});

describe('optimistic concurrency', () => {
  it('two clients modifying one order with the same If-Match: one 200, one 412', async () => {
    const id = await addOrder();
    const other = await h.user('court-clerk');
    const [a, b] = await Promise.all([
      post(clerk, `/orders/${id}/modifications`, { changes: { terms: 'A' } }).set('If-Match', '"1"'),
      post(other, `/orders/${id}/modifications`, { changes: { terms: 'B' } }).set('If-Match', '"1"'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? a : b;
    expect(loser.body).toMatchObject({ code: 'VERSION_MISMATCH', field: 'If-Match', currentVersion: 2 });
  });

  it('a malformed If-Match is a 400', async () => {
    const id = await addOrder();
    const r = await post(clerk, `/orders/${id}/modifications`, { changes: { terms: 'A' } }).set('If-Match', 'yesterday').expect(400);
    expect(r.body.field).toBe('If-Match');
  });
});

describe('idempotency keys', () => {
  it('replays the first response for the same key and body; 422 for another body', async () => {
    const body = { details: sampleOrderInput({ caseNumber: '26FL004242' }) };
    const first = await post(clerk, '/orders', body).set('Idempotency-Key', 'k-1').expect(201);
    const again = await post(clerk, '/orders', body).set('Idempotency-Key', 'k-1').expect(201);
    expect(again.body.orderId).toBe(first.body.orderId);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    const other = await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: '26FL004243' }) }).set('Idempotency-Key', 'k-1').expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
  });

  it('keys are per caller', async () => {
    const other = await h.user('court-clerk');
    const body = { details: sampleOrderInput() };
    const a = await post(clerk, '/orders', body).set('Idempotency-Key', 'shared').expect(201);
    const b = await post(other, '/orders', body).set('Idempotency-Key', 'shared').expect(201);
    expect(a.body.orderId).not.toBe(b.body.orderId);
  });
});

describe('read-your-writes', () => {
  it('?wait=true answers once the search view has the write', async () => {
    const r = await post(clerk, '/orders?wait=true', { details: sampleOrderInput({ caseNumber: '26FL005555' }) }).expect(201);
    expect(r.headers['x-ccpor-search-caught-up']).toBe('true');
    const s = await clerk.agent.get('/api/v1/search?caseNumber=26FL005555').expect(200);
    expect(s.body.hits.map((x: { orderId: string }) => x.orderId)).toContain(r.body.orderId);
  });

  it('X-CCPOR-Wait-For on a search waits for a position', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput({ caseNumber: '26FL006666' }) }).expect(201);
    const s = await clerk.agent.get('/api/v1/search?caseNumber=26FL006666').set('X-CCPOR-Wait-For', r.headers['x-ccpor-position'] as string).expect(200);
    expect(s.body.count).toBe(1);
  });
});

describe('search and statistics', () => {
  it('finds by restrained person’s name and date of birth, never listing protected persons', async () => {
    await addOrder({ caseNumber: '26FL007777' });
    const r = await clerk.agent.get('/api/v1/search?lastName=rivera&dateOfBirth=1988-07-14').expect(200);
    expect(r.body.count).toBeGreaterThan(0);
    expect(JSON.stringify(r.body)).not.toContain('Ana');
  });

  it('statistics for supervisors and administrators', async () => {
    const sup = await h.user('supervisor');
    const r = await sup.agent.get('/api/v1/statistics').expect(200);
    expect(r.body.orders).toBeGreaterThan(0);
    expect(r.body.byStatus.active).toBeGreaterThan(0);
    await clerk.agent.get('/api/v1/statistics').expect(403);
  });
});

describe('sealed and confidential orders', () => {
  it('a clerk may not enter a sealed order (403); a supervisor may, and the clerk then cannot see it (404)', async () => {
    const r = await post(clerk, '/orders', { details: sampleOrderInput({ sealed: true }) }).expect(403);
    expect(r.body.code).toBe('SEALED_ORDER');
    const sup = await h.user('supervisor');
    const added = await post(sup, '/orders', { details: sampleOrderInput({ sealed: true }) }).expect(201);
    await clerk.agent.get(`/api/v1/orders/${added.body.orderId}`).expect(404);
    await sup.agent.get(`/api/v1/orders/${added.body.orderId}`).expect(200);
  });

  it('redacts confidential protected persons and DOJ data for another agency’s query user', async () => {
    const id = await addOrder({ protectedPersons: [{ name: { last: 'Doe', first: 'Jane' }, dateOfBirth: '1992-04-04', confidential: true, minor: false }] });
    const other = await h.user('query-only', 'CA030015J');
    const r = await other.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(r.body.redacted).toEqual(expect.arrayContaining(['details.protectedPersons.0']));
    expect(JSON.stringify(r.body)).not.toContain('1992-04-04');
    expect(r.body.order.doj).toBeUndefined();
    const own = await clerk.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(JSON.stringify(own.body)).toContain('1992-04-04');
    const history = await other.agent.get(`/api/v1/orders/${id}/history`).expect(200);
    expect(history.body.events[0]).toMatchObject({ redacted: ['data'] });
    expect(JSON.stringify(history.body)).not.toContain('1992-04-04');
  });
});
