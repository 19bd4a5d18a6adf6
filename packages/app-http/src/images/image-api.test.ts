import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { inflatingPdf, sampleOrderInput, samplePdf, sampleTiff } from '@ccpor/test-kit';
import request from 'supertest';
import { startHarness, OTHER_COURT, type Client, type Harness } from '../__tests__/harness';

const LIMIT = 256 * 1024;
let h: Harness;
let clerk: Client;
let supervisor: Client;
let otherClerk: Client;
beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_IMAGE_MAX_BYTES: String(LIMIT), CCPOR_IMAGE_MAX_PARALLEL_UPLOADS: '2' } });
  clerk = await h.user('court-clerk');
  supervisor = await h.user('supervisor');
  otherClerk = await h.user('court-clerk', OTHER_COURT);
});
afterAll(() => h.close());

const addOrder = async (overrides: Record<string, unknown> = {}) => {
  const by = overrides.sealed === true ? supervisor : clerk;
  const r = await by.agent.post('/api/v1/orders').set('X-CSRF-Token', by.csrf).send({ details: sampleOrderInput(overrides) }).expect(201);
  return r.body.orderId as string;
};

const addOrangeOrder = async () =>
  (
    await otherClerk.agent
      .post('/api/v1/orders')
      .set('X-CSRF-Token', otherClerk.csrf)
      .send({ details: sampleOrderInput({ court: { ori: OTHER_COURT, county: '30', name: 'Superior Court of California, County of Orange' } }) })
      .expect(201)
  ).body.orderId as string;

const upload = (c: Client, orderId: string, bytes: Uint8Array, fileName = 'DV130.pdf', query = '') =>
  c.agent
    .post(`/api/v1/orders/${orderId}/images/upload${query}`)
    .set('X-CSRF-Token', c.csrf)
    .attach('file', Buffer.from(bytes), { filename: fileName, contentType: 'application/octet-stream' });

const decisions = async () => {
  await h.services.audit.flush();
  const events = await h.services.store.readStream(`access-audit-${h.clock.now().slice(0, 10)}`);
  return events.flatMap((e) => (e.data as { decisions: { allowed: boolean; action: string; orderId?: string; code?: string; principal: { userId: string } }[] }).decisions);
};

/** Supertest's buffer parser, so binary bodies come back as Buffers whatever their type. */
const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void): void => {
  // In node, superagent hands the parser the raw response stream.
  const stream = res as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

describe('image upload', () => {
  it('stores a PDF, attaches it through AttachImage with its page count, and serves it back byte for byte', async () => {
    const id = await addOrder();
    const pdf = samplePdf(3, 'upload');
    const r = await upload(clerk, id, pdf, 'LASC_26FL0001_DV130_20260303.pdf').expect(201);
    expect(r.body.image).toMatchObject({ mediaType: 'application/pdf', pages: 3, bytes: pdf.length, kind: 'order', fileName: 'LASC_26FL0001_DV130_20260303.pdf' });
    expect(r.headers.location).toBe(`/api/v1/orders/${id}/images/${r.body.image.sha256}`);
    expect(r.headers.etag).toBe('"2"');
    const history = await clerk.agent.get(`/api/v1/orders/${id}/history`).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({ type: 'ImageAttached', actor: { userId: clerk.username } });
    const got = await clerk.agent.get(r.headers.location as string).buffer(true).parse(binary).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers.etag).toBe(`"${r.body.image.sha256}"`);
    expect(got.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(got.body as Buffer, Buffer.from(pdf))).toBe(0);
  });

  it('records a multi-page TIFF as image/tiff whatever its name, and the kind from ?kind=', async () => {
    const id = await addOrder();
    const tiff = sampleTiff(4, 'pos');
    const r = await upload(clerk, id, tiff, 'proof.pdf', '?kind=proof-of-service').expect(201);
    expect(r.body.image).toMatchObject({ mediaType: 'image/tiff', pages: 4, kind: 'proof-of-service' });
    const got = await clerk.agent.get(`/api/v1/orders/${id}/images/${r.body.image.sha256}`).buffer(true).parse(binary).expect(200);
    expect(got.headers['content-type']).toBe('image/tiff');
  });

  it('refuses a .pdf that is not a PDF, naming the file and what its content is, and attaches nothing', async () => {
    const id = await addOrder();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const r = await upload(clerk, id, jpeg, 'scan.pdf').expect(415);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'IMAGE_UNSUPPORTED_TYPE', field: 'file', detected: 'image/jpeg' });
    expect(r.body.detail).toContain('"scan.pdf" is not a PDF or TIFF');
    const order = await clerk.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(order.headers.etag).toBe('"1"');
  });

  it('refuses a PDF cut short (no %%EOF) as unreadable', async () => {
    const id = await addOrder();
    const pdf = samplePdf(1);
    const r = await upload(clerk, id, pdf.subarray(0, pdf.length - 200), 'half.pdf').expect(422);
    expect(r.body.code).toBe('IMAGE_UNREADABLE');
    expect(r.body.detail).toContain('half.pdf');
  });

  it('refuses an image over CCPOR_IMAGE_MAX_BYTES with 413, streaming (declared size under the cut-off) or at once (declared far over)', async () => {
    const id = await addOrder();
    const big = Buffer.concat([Buffer.from(samplePdf(1)), Buffer.alloc(LIMIT, 0x20)]);
    const r = await upload(clerk, id, big, 'big.pdf').expect(413);
    expect(r.body).toMatchObject({ code: 'IMAGE_TOO_LARGE', limitBytes: LIMIT, rule: 'CCPOR_IMAGE_MAX_BYTES' });
    const huge = Buffer.alloc(LIMIT * 4, 0x20);
    const r2 = await upload(clerk, id, huge, 'huge.pdf').ok(() => true);
    // The server may close the connection before the client has sent everything; when the answer arrives it is the 413.
    if (r2.status !== 0) expect(r2.body.code).toBe('IMAGE_TOO_LARGE');
    // Nothing half-written is left in the store's temporary folder.
    const root = (h.services.images as unknown as { root: string }).root;
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses a request that is not multipart, one without a file, and one with the file under another field', async () => {
    const id = await addOrder();
    const json = await clerk.agent.post(`/api/v1/orders/${id}/images/upload`).set('X-CSRF-Token', clerk.csrf).send({ file: 'x' }).expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const noFile = await clerk.agent.post(`/api/v1/orders/${id}/images/upload`).set('X-CSRF-Token', clerk.csrf).field('note', 'hello').expect(400);
    expect(noFile.body).toMatchObject({ code: 'INVALID_UPLOAD', field: 'file' });
    expect(noFile.body.detail).toContain('no file');
    const wrong = await clerk.agent
      .post(`/api/v1/orders/${id}/images/upload`)
      .set('X-CSRF-Token', clerk.csrf)
      .attach('image', Buffer.from(samplePdf(1)), 'a.pdf')
      .expect(400);
    expect(wrong.body.detail).toContain('"image"');
  });

  it('does not replay an earlier upload for a reused Idempotency-Key: the key cannot see which file was sent', async () => {
    const id = await addOrder();
    const first = await upload(clerk, id, samplePdf(1, 'key-1')).set('Idempotency-Key', 'same-key').expect(201);
    const second = await upload(clerk, id, samplePdf(1, 'key-2')).set('Idempotency-Key', 'same-key').expect(201);
    expect(second.body.image.sha256).not.toBe(first.body.image.sha256);
    expect(second.headers.etag).toBe('"3"');
  });

  it('answers 409 for the same image twice, and 412 for a stale If-Match', async () => {
    const id = await addOrder();
    const pdf = samplePdf(2, 'twice');
    await upload(clerk, id, pdf).expect(201);
    const again = await upload(clerk, id, pdf).expect(409);
    expect(again.body.code).toBe('IMAGE_ALREADY_ATTACHED');
    const stale = await upload(clerk, id, samplePdf(2, 'other')).set('If-Match', '"1"').expect(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
  });
});

describe('image download', () => {
  let id: string;
  let sha: string;
  let pdf: Uint8Array;
  beforeAll(async () => {
    id = await addOrder();
    pdf = samplePdf(5, 'ranges');
    sha = (await upload(clerk, id, pdf).expect(201)).body.image.sha256 as string;
  });
  const get = (c: Client, range?: string) => {
    const r = c.agent.get(`/api/v1/orders/${id}/images/${sha}`).buffer(true).parse(binary);
    return range === undefined ? r : r.set('Range', range);
  };

  it('serves byte ranges with 206 and Content-Range: first bytes, open-ended, suffix, and an end past the last byte', async () => {
    const size = pdf.length;
    const first = await get(clerk, 'bytes=0-99').expect(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${size}`);
    expect(Buffer.compare(first.body as Buffer, Buffer.from(pdf.subarray(0, 100)))).toBe(0);
    const open = await get(clerk, `bytes=${size - 10}-`).expect(206);
    expect(Buffer.compare(open.body as Buffer, Buffer.from(pdf.subarray(size - 10)))).toBe(0);
    const suffix = await get(clerk, 'bytes=-5').expect(206);
    expect((suffix.body as Buffer).toString('latin1')).toBe(Buffer.from(pdf.subarray(size - 5)).toString('latin1'));
    const clamped = await get(clerk, `bytes=100-${size + 1000}`).expect(206);
    expect(clamped.headers['content-range']).toBe(`bytes 100-${size - 1}/${size}`);
    expect(clamped.headers['content-length']).toBe(String(size - 100));
  });

  it('answers 416 with Content-Range */size for a range past the end, and the whole image for a range it does not understand', async () => {
    const r = await clerk.agent.get(`/api/v1/orders/${id}/images/${sha}`).set('Range', `bytes=${pdf.length}-`).expect(416);
    expect(r.headers['content-range']).toBe(`bytes */${pdf.length}`);
    expect(r.body.code).toBe('RANGE_NOT_SATISFIABLE');
    const multi = await get(clerk, 'bytes=0-1,5-9').expect(200);
    expect((multi.body as Buffer).length).toBe(pdf.length);
  });

  it('honours If-None-Match (304) and If-Range (a stale validator gets the whole image)', async () => {
    await clerk.agent.get(`/api/v1/orders/${id}/images/${sha}`).set('If-None-Match', `"${sha}"`).expect(304);
    const stale = await get(clerk, 'bytes=0-9').set('If-Range', '"not-it"').expect(200);
    expect((stale.body as Buffer).length).toBe(pdf.length);
    await get(clerk, 'bytes=0-9').set('If-Range', `"${sha}"`).expect(206);
  });

  it('answers 404 for an image the order does not have, and 400 for a malformed sha256', async () => {
    const other = await clerk.agent.get(`/api/v1/orders/${id}/images/${'c'.repeat(64)}`).expect(404);
    expect(other.body.code).toBe('IMAGE_NOT_ATTACHED');
    await clerk.agent.get(`/api/v1/orders/${id}/images/NOTAHASH`).expect(400);
  });
});

describe('hostile images (issue 12, finding 5)', () => {
  it('the reproduction, at this registry’s size limit: a small PDF whose streams inflate to 100 MiB is refused 422 in the registry’s own words, while other requests are answered', async () => {
    const id = await addOrder();
    const bomb = inflatingPdf(100 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(LIMIT);
    const health = request(h.app).get('/healthz');
    const [r] = await Promise.all([upload(clerk, id, bomb, 'order.pdf').expect(422), health.expect(200)]);
    expect(r.body).toMatchObject({ code: 'IMAGE_UNREADABLE', field: 'file' });
    expect(r.body.detail).toBe('"order.pdf" was refused: the PDF could not be read: its compressed objects expand to more than 64 MiB.');
    expect(r.body.detail).not.toMatch(/PDFDict|Expected instance/);
    const order = await clerk.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(order.body.order.images).toEqual([]);
  });
});

describe('image authorization', () => {
  it('lets another agency read an order’s image but not upload to it; both decisions are audited', async () => {
    const id = await addOrder();
    const sha = (await upload(clerk, id, samplePdf(1, 'auth')).expect(201)).body.image.sha256 as string;
    await otherClerk.agent.get(`/api/v1/orders/${id}/images/${sha}`).expect(200);
    const denied = await upload(otherClerk, id, samplePdf(1, 'intruder')).expect(403);
    expect(denied.body.code).toBe('NOT_YOUR_AGENCY');
    const d = await decisions();
    expect(d).toContainEqual(expect.objectContaining({ action: 'order.image.attach', orderId: id, allowed: false, code: 'NOT_YOUR_AGENCY', principal: expect.objectContaining({ userId: otherClerk.username }) }));
    expect(d).toContainEqual(expect.objectContaining({ action: 'order.image.read', orderId: id, allowed: true, principal: expect.objectContaining({ userId: otherClerk.username }) }));
  });

  it('hides a sealed order’s image from a clerk (404, audited) and serves it to a supervisor', async () => {
    const id = await addOrder({ sealed: true });
    const sha = (await upload(supervisor, id, samplePdf(2, 'sealed')).expect(201)).body.image.sha256 as string;
    await supervisor.agent.get(`/api/v1/orders/${id}/images/${sha}`).expect(200);
    const hidden = await clerk.agent.get(`/api/v1/orders/${id}/images/${sha}`).expect(404);
    // Exactly the answer for an order that does not exist (ADR 0034).
    expect(hidden.body).toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'orderId' });
    await upload(clerk, id, samplePdf(1, 'sealed-2')).expect(404);
    const d = await decisions();
    expect(d).toContainEqual(expect.objectContaining({ action: 'order.image.read', orderId: id, allowed: false, code: 'SEALED_ORDER', principal: expect.objectContaining({ userId: clerk.username }) }));
    expect(d).toContainEqual(expect.objectContaining({ action: 'order.image.attach', orderId: id, allowed: false, code: 'SEALED_ORDER' }));
  });

  it('the reproduction: a clerk attaching a sealed order’s image hash to an order of their own is refused, and cannot read the bytes through it', async () => {
    const sealedId = await addOrder({ sealed: true });
    const sealedImage = (await upload(supervisor, sealedId, samplePdf(1, 'sealed-secret')).expect(201)).body.image as Record<string, unknown>;
    for (const who of [clerk, otherClerk]) {
      const own = who === clerk ? await addOrder() : await addOrangeOrder();
      const attach = await who.agent.post(`/api/v1/orders/${own}/images`).set('X-CSRF-Token', who.csrf).send({ image: { ...sealedImage, kind: 'other' } }).expect(403);
      expect(attach.body.code).toBe('IMAGE_REFERENCE_NOT_PROVEN');
      await who.agent.get(`/api/v1/orders/${own}/images/${sealedImage.sha256 as string}`).expect(404);
      // The same for replacing an image by the sealed hash.
      const mine = (await upload(who, own, samplePdf(1, `mine-${who.username}`)).expect(201)).body.image.sha256 as string;
      const replace = await who.agent
        .put(`/api/v1/orders/${own}/images/${mine}`)
        .set('X-CSRF-Token', who.csrf)
        .send({ image: { ...sealedImage, kind: 'other' } })
        .expect(403);
      expect(replace.body.code).toBe('IMAGE_REFERENCE_NOT_PROVEN');
    }
    const d = await decisions();
    expect(d).toContainEqual(expect.objectContaining({ action: 'order.image.reference', allowed: false, code: 'IMAGE_REFERENCE_NOT_PROVEN', principal: expect.objectContaining({ userId: clerk.username }) }));
  });

  it('a hash that was never uploaded is refused alike, whether or not any bytes exist for it', async () => {
    const id = await addOrder();
    const r = await clerk.agent
      .post(`/api/v1/orders/${id}/images`)
      .set('X-CSRF-Token', clerk.csrf)
      .send({ image: { sha256: 'a'.repeat(64), mediaType: 'application/pdf', pages: 1, bytes: 353, kind: 'other' } })
      .expect(403);
    expect(r.body.code).toBe('IMAGE_REFERENCE_NOT_PROVEN');
  });

  it('an image the caller uploaded to the order may be attached again by its hash after removal, with what the store measured', async () => {
    const id = await addOrder();
    const image = (await upload(clerk, id, samplePdf(2, 'again')).expect(201)).body.image as Record<string, unknown>;
    const sha = image.sha256 as string;
    await clerk.agent.delete(`/api/v1/orders/${id}/images/${sha}`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'wrong page order' }).expect(200);
    const lying = await clerk.agent.post(`/api/v1/orders/${id}/images`).set('X-CSRF-Token', clerk.csrf).send({ image: { ...image, pages: 9 } }).expect(422);
    expect(lying.body).toMatchObject({ code: 'IMAGE_REF_MISMATCH', field: 'image.pages' });
    await clerk.agent.post(`/api/v1/orders/${id}/images`).set('X-CSRF-Token', clerk.csrf).send({ image }).expect(200);
    // A colleague did not upload it to this order: they upload it themselves instead.
    const colleague = await h.user('court-clerk');
    await clerk.agent.delete(`/api/v1/orders/${id}/images/${sha}`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'again' }).expect(200);
    await colleague.agent.post(`/api/v1/orders/${id}/images`).set('X-CSRF-Token', colleague.csrf).send({ image }).expect(403);
  });

  it('an upload with ?replaces= takes an attached image’s place', async () => {
    const id = await addOrder();
    const first = (await upload(clerk, id, samplePdf(1, 'first')).expect(201)).body.image.sha256 as string;
    const second = await upload(clerk, id, samplePdf(1, 'second'), 'DV130.pdf', `?replaces=${first}`).expect(201);
    const order = await clerk.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(order.body.order.images.map((i: { sha256: string }) => i.sha256)).toEqual([second.body.image.sha256]);
    const history = await clerk.agent.get(`/api/v1/orders/${id}/history`).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({ type: 'ImageReplaced' });
  });

  it('a download is authorized against every order holding the same bytes, except for the one who uploaded them', async () => {
    // The same file, uploaded by a supervisor to a sealed order and by a clerk to an open one (content-addressed: one copy).
    const sealedId = await addOrder({ sealed: true });
    const openId = await addOrder();
    const pdf = samplePdf(1, 'same-bytes');
    const sha = (await upload(supervisor, sealedId, pdf).expect(201)).body.image.sha256 as string;
    expect((await upload(clerk, openId, pdf).expect(201)).body.image.sha256).toBe(sha);
    await h.services.search.waitFor(h.services.search.position!, 2000);
    await clerk.agent.get(`/api/v1/orders/${openId}/images/${sha}`).expect(200);
    const colleague = await h.user('court-clerk');
    const hidden = await colleague.agent.get(`/api/v1/orders/${openId}/images/${sha}`).expect(404);
    expect(hidden.body).toMatchObject({ code: 'IMAGE_NOT_ATTACHED', field: 'sha256' });
    await supervisor.agent.get(`/api/v1/orders/${openId}/images/${sha}`).expect(200);
    const d = await decisions();
    expect(d).toContainEqual(expect.objectContaining({ action: 'order.image.bytes', orderId: openId, allowed: false, code: 'IMAGE_HELD_BY_HIDDEN_ORDER' }));
  });

  it('refuses an anonymous download', async () => {
    const id = await addOrder();
    const sha = (await upload(clerk, id, samplePdf(1, 'anon')).expect(201)).body.image.sha256 as string;
    const supertest = (await import('supertest')).default;
    await supertest(h.app).get(`/api/v1/orders/${id}/images/${sha}`).expect(401);
  });
});
