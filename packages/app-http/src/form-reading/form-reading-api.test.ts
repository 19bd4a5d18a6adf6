import { PdfPool, printedFormValues, renderSampleForm } from '@ccpor/adapters';
import { LA_SUPERIOR_COURT, sampleOrderDetails } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';
import { newestLayout, scannedForm } from './__tests__/scanned-forms';

/**
 * "Read this form" through the API: a clerk uploads a scanned DV-130 to an image-first draft,
 * reads it, confirms or corrects each field, and adds the order. One harness and one PDF pool
 * (to draw the scans) for the file; the OCR queue holds 2 pages so "busy" can be shown.
 */
let h: Harness;
let clerk: Client;
let pool: PdfPool;
beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_FORM_OCR_QUEUE_PAGES: '2' } });
  clerk = await h.user('court-clerk');
  pool = new PdfPool(1);
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await h?.close();
});

const TRUTH = sampleOrderDetails({ form: 'DV-130', issuedAt: '2026-03-02T00:00:00-08:00', expiration: { kind: 'date', date: '2029-03-02' } });

const send = <T extends { set: (k: string, v: string) => T }>(c: Client, r: T) => r.set('X-CSRF-Token', c.csrf);

const imageFirstDraft = async (bytes: Uint8Array, fileName: string) => {
  const created = await send(clerk, clerk.agent.post('/api/v1/orders/drafts')).send({ details: { court: LA_SUPERIOR_COURT } }).expect(201);
  const orderId = created.body.orderId as string;
  await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/images/upload`)).attach('file', Buffer.from(bytes), { filename: fileName, contentType: 'application/octet-stream' }).expect(201);
  return orderId;
};

describe('reading the form of an image-first draft', () => {
  it('pre-fills a scanned DV-130, keeps the order from being added until the clerk has reviewed every read field, and records what the clerk changed', async () => {
    const orderId = await imageFirstDraft(await scannedForm(pool, 'DV-130', TRUTH), 'scan-0001.tif');
    const read = await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/form-reading`)).send({}).expect(201);
    const reading = read.body.reading.reading;
    expect(reading).toMatchObject({ form: 'DV-130', reader: 'ocr', reviewComplete: false });
    const field = (f: string) => reading.fields.find((x: { field: string }) => x.field === f);
    expect(field('restrainedPerson.name')).toMatchObject({ status: 'prefilled', read: 'RIVERA, DANIEL JAMES', review: 'pending' });
    expect(field('restrainedPerson.name').where).toEqual(expect.arrayContaining([expect.objectContaining({ page: 1 })]));
    expect(field('restrainedPerson.name').confidence).toBeGreaterThanOrEqual(0.85);
    expect(read.body.order.order.details).toMatchObject({ form: 'DV-130', restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL', middle: 'JAMES' } } });

    const early = await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/add`)).send({}).expect(422);
    expect(early.body).toMatchObject({ code: 'FIELDS_NOT_REVIEWED' });

    // The clerk accepts everything as read except the judicial officer, which the clerk types again.
    const pending: string[] = reading.pending;
    const review = await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/form-reading/review`))
      .send({ readingId: reading.readingId, accept: pending.filter((f) => f !== 'judicialOfficer'), correct: ['judicialOfficer'], details: { judicialOfficer: 'Hon. M. Delgado' } })
      .expect(200);
    expect(review.body.reading.reading).toMatchObject({ reviewComplete: true, pending: [] });
    await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/add`)).send({}).expect(200);

    const history = await clerk.agent.get(`/api/v1/orders/${orderId}/history`).expect(200);
    const types = history.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(['DraftCreated', 'ImageAttached', 'FormReadingApplied', 'DraftUpdated', 'DraftUpdated', 'ReadFieldsReviewed', 'OrderAdded']);
    const reviewed = history.body.events.find((e: { type: string }) => e.type === 'ReadFieldsReviewed');
    expect(reviewed).toMatchObject({ actor: { userId: clerk.username }, data: { corrected: [{ field: 'judicialOfficer', read: 'Hon. Maria Delgado', entered: 'Hon. M. Delgado' }] } });
    expect(reviewed.data.confirmed).toContain('restrainedPerson.name');
  }, 120_000);

  it('refuses a form of an unknown type with a clear message and leaves the draft as it was', async () => {
    const layout = newestLayout('DV-130');
    const fakeForm = await renderSampleForm({ ...layout, form: 'FL-300' as never, title: 'Request for Order' }, printedFormValues(layout, TRUTH), 'flat');
    const orderId = await imageFirstDraft(fakeForm, 'fl300.pdf');
    const before = await clerk.agent.get(`/api/v1/orders/${orderId}`).expect(200);
    const r = await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/form-reading`)).send({}).expect(422);
    expect(r.body).toMatchObject({ code: 'UNKNOWN_FORM', found: ['FL-300'], detail: expect.stringContaining('the pages carry FL-300') });
    const after = await clerk.agent.get(`/api/v1/orders/${orderId}`).expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect((await clerk.agent.get(`/api/v1/orders/${orderId}/form-reading`).expect(200)).body).toEqual({ inProgress: null, reading: null });
  });

  it('reads a flat PDF from its text layer at once, and refuses a second reading while the first is under review', async () => {
    const orderId = await imageFirstDraft(await scannedForm(pool, 'DV-130', TRUTH, { as: 'flat' }), 'dv130.pdf');
    const read = await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/form-reading`)).send({}).expect(201);
    expect(read.body.reading.reading).toMatchObject({ reader: 'pdf-text' });
    const again = await send(clerk, clerk.agent.post(`/api/v1/orders/${orderId}/form-reading`)).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'READING_UNDER_REVIEW' });
  });

  it('answers 503 busy with Retry-After when the OCR queue is full, and the reading that got in still completes', async () => {
    const tiff = await scannedForm(pool, 'DV-130', TRUTH, { dpi: 150, seed: 2 });
    const [a, b] = [await imageFirstDraft(tiff, 'a.tif'), await imageFirstDraft(tiff, 'b.tif')];
    const first = send(clerk, clerk.agent.post(`/api/v1/orders/${a}/form-reading`)).send({}).then((r) => r);
    // Wait until the first reading holds the queue (its two pages), then ask for another.
    for (let i = 0; i < 200 && h.services.formReading.status().ocrPagesInUse < 2; i++) await new Promise((r) => setTimeout(r, 25));
    const busy = await send(clerk, clerk.agent.post(`/api/v1/orders/${b}/form-reading`)).send({}).expect(503);
    expect(busy.body).toMatchObject({ code: 'FORM_READER_BUSY', retryAfterSeconds: expect.any(Number) });
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    const progress = await clerk.agent.get(`/api/v1/orders/${a}/form-reading`).expect(200);
    expect(progress.body.inProgress).toMatchObject({ pages: 2, pagesDone: expect.any(Number) });
    expect((await first).status).toBe(201);
  }, 120_000);

  it('lets only the draft’s own agency read its form', async () => {
    const orderId = await imageFirstDraft(await scannedForm(pool, 'DV-130', TRUTH, { as: 'flat' }), 'dv130.pdf');
    const other = await h.user('court-clerk', 'CA030015J');
    await send(other, other.agent.post(`/api/v1/orders/${orderId}/form-reading`)).send({}).expect((r) => expect([403, 404]).toContain(r.status));
  });
});
