import * as E from 'fp-ts/Either';
import { prefillFromReading, type FormReading } from '@ccpor/domain';
import { normalised, sampleForm, scanned, SUPPORTED_FORMS } from './__tests__/sample-corpus';
import { FormReadingService } from './form-reading-service';
import { PdfPool } from './pdf/pdf-pool';
import { readableField } from '@ccpor/domain';
import { renderSampleForm } from './sample-forms/render-form';

/**
 * Each reader on generated forms of every supported type: fillable PDFs, flat PDFs, and scans
 * (OCR on the first page of each form, to keep OCR in CI to a few pages; the benchmark reads
 * the whole corpus). One service and one PDF pool for the file.
 */
const service = new FormReadingService({ maxQueuedPages: 1 });
const pool = new PdfPool(1);
afterAll(async () => {
  await Promise.all([service.close(), pool.close()]);
});

const valuesOf = (reading: FormReading): Record<string, string | boolean> => Object.fromEntries(reading.fields.map((f) => [f.key, f.value]));

/** The layout boxes read exactly as written (after normalisation), and those that were not. */
const compare = (reading: FormReading, truth: Record<string, string | boolean>, keys: readonly string[]) => {
  const read = valuesOf(reading);
  const misses = keys.filter((k) => normalised(read[k]) !== normalised(truth[k]));
  return { exact: keys.length - misses.length, misses: misses.map((k) => `${k}: wrote ${JSON.stringify(truth[k])}, read ${JSON.stringify(read[k])}`) };
};

/** The /^(0|[1-9])/ digit of the TIFF compression tag (259) of the first page: 4 is CCITT Group 4. */
const tiffCompression = (bytes: Uint8Array): number => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const ifd = view.getUint32(4, little);
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    if (view.getUint16(at, little) === 259) return view.getUint16(at + 8, little);
  }
  return -1;
};

describe.each(SUPPORTED_FORMS)('reading a %s', (form) => {
  const sample = sampleForm(form);
  const keys = sample.layout.fields.map((f) => f.key);

  it('from a fillable PDF’s own fields: every box exact, with full confidence', async () => {
    const r = await service.read({ bytes: await renderSampleForm(sample.layout, sample.values, 'fillable'), mediaType: 'application/pdf' });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect([r.right.reader, r.right.form, r.right.revision]).toEqual(['pdf-form-fields', form, sample.layout.revision]);
    expect(compare(r.right, sample.values, keys).misses).toEqual([]);
    expect(r.right.fields.every((f) => f.confidence === 1)).toBe(true);
  });

  it('from a PDF’s text layer: every box exact', async () => {
    const r = await service.read({ bytes: await renderSampleForm(sample.layout, sample.values, 'flat'), mediaType: 'application/pdf' });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect([r.right.reader, r.right.form]).toEqual(['pdf-text', form]);
    expect(compare(r.right, sample.values, keys).misses).toEqual([]);
    // The region of each box is where the layout puts it, as fractions of the page.
    const caseBox = r.right.fields.find((f) => f.fills === 'caseNumber')!;
    expect(caseBox.where.page).toBe(1);
    expect(caseBox.where.x).toBeCloseTo(sample.layout.fields.find((f) => f.fills === 'caseNumber')!.box.x / 612, 3);
  });

  it('by OCR of a scanned first page: the form recognised, most boxes exact, and nothing wrong pre-filled', async () => {
    const as = form === 'EPO-001' ? 'pdf' : 'tiff';
    const bytes = await scanned(pool, sample, as, { pages: 1 });
    if (as === 'tiff') expect(tiffCompression(bytes)).toBe(4);
    const progress: number[] = [];
    const r = await service.read({ bytes, mediaType: as === 'tiff' ? 'image/tiff' : 'application/pdf' }, { progress: (p) => progress.push(p.pagesDone) });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect([r.right.reader, r.right.form, r.right.revision]).toEqual(['ocr', form, sample.layout.revision]);
    expect(progress).toEqual([1]);
    const page1 = sample.layout.fields.filter((f) => f.page === 1).map((f) => f.key);
    const { exact, misses } = compare(r.right, sample.values, page1);
    expect({ share: exact / page1.length >= 0.8, misses }).toEqual({ share: true, misses });
    // What the domain would pre-fill from this reading must be what was written: unsure values are only offered.
    const prefill = prefillFromReading(r.right, {}, () => E.right(undefined));
    const wrong = prefill.outcomes.filter((o) => o.status === 'prefilled' && JSON.stringify(readableField(o.field).get(prefill.details)) !== JSON.stringify(readableField(o.field).get(sample.details)) && o.field !== 'form');
    expect(wrong.map((o) => `${o.field}: ${o.read}`)).toEqual([]);
  }, 60_000);
});

describe('refusals and limits', () => {
  it('refuses a form of an unknown type, read from its text layer, naming the number printed', async () => {
    const sample = sampleForm('DV-130');
    const other = { ...sample.layout, form: 'FL-300' as never, title: 'Request for Order' };
    const r = await service.read({ bytes: await renderSampleForm(other, {}, 'flat'), mediaType: 'application/pdf' });
    expect(r).toEqual(E.left(expect.objectContaining({ code: 'UNKNOWN_FORM', found: ['FL-300'] })));
  });

  it('refuses a scanned form of an unknown type after OCR', async () => {
    const sample = sampleForm('CH-130');
    const other = { ...sample, layout: { ...sample.layout, form: 'WV-130' as never, title: 'Workplace Violence Restraining Order After Hearing' } };
    const r = await service.read({ bytes: await scanned(pool, other, 'tiff', { pages: 1, dpi: 150 }), mediaType: 'image/tiff' });
    expect(r).toEqual(E.left(expect.objectContaining({ code: 'UNKNOWN_FORM', found: expect.arrayContaining(['WV-130']) })));
  }, 60_000);

  it('answers busy, with a time to retry, when the OCR queue is full', async () => {
    const bytes = await scanned(pool, sampleForm('EPO-001'), 'tiff', { pages: 1, dpi: 150 });
    const both = Promise.all([service.read({ bytes, mediaType: 'image/tiff' }), service.read({ bytes, mediaType: 'image/tiff' })]);
    for (let i = 0; i < 400 && service.status().ocrPagesInUse < 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(service.status()).toMatchObject({ ocrPagesInUse: 1, ocrPageCapacity: 1 });
    const results = await both;
    // Whichever came second found the one page of the queue taken.
    expect(results.filter(E.isRight)).toHaveLength(1);
    expect(results.filter(E.isLeft).map((r) => r.left)).toEqual([expect.objectContaining({ code: 'READER_BUSY', retryAfterSeconds: expect.any(Number) })]);
  }, 60_000);

  it('says what is wrong with a file that is not a readable PDF', async () => {
    const r = await service.read({ bytes: new TextEncoder().encode('%PDF-1.7\nnot really\n%%EOF'), mediaType: 'application/pdf' });
    expect(r).toEqual(E.left(expect.objectContaining({ code: 'IMAGE_UNREADABLE', message: expect.stringContaining('could not be opened') })));
  });
});
