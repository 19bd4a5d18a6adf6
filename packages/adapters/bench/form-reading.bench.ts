/**
 * Form-reading benchmark (issue 20): a corpus of forms generated from the layouts, filled with
 * synthetic people, as fillable PDFs, flat PDFs (text layer only) and scans (CCITT Group 4 TIFF
 * from an office scanner, image-only PDF from a fax), each read by the registry's reader. Prints,
 * per reader and form:
 *   - box accuracy: the layout's boxes read exactly as written, after normalisation (upper case,
 *     letters and digits only; check boxes checked or not);
 *   - pre-filled: of the order fields a perfect reading pre-fills, the share this reading
 *     pre-fills (the domain's rule: valid and at least PREFILL_MIN_CONFIDENCE sure);
 *   - wrong pre-fills: pre-filled values that differ from what was written (what the clerk must catch);
 *   - seconds per page on this machine.
 *
 *   npm run bench:forms -w @ccpor/adapters
 *   BENCH_FORMS_SAMPLES=1 BENCH_FORMS=DV-130 npm run bench:forms -w @ccpor/adapters
 */
import { cpus, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import { prefillFromReading, readableField, type FormNumber, type FormReading, type ReadField } from '@ccpor/domain';
import { normalised, sampleForm, scanned, SUPPORTED_FORMS, type SampleForm } from '../src/form-reading/__tests__/sample-corpus';
import { FormReadingService } from '../src/form-reading/form-reading-service';
import { regionOf } from '../src/form-reading/page-words';
import { PdfPool } from '../src/form-reading/pdf/pdf-pool';
import { renderSampleForm } from '../src/form-reading/sample-forms/render-form';
import { SCAN_PRESETS } from '../src/form-reading/sample-forms/scan-form';

const SAMPLES = Number(process.env.BENCH_FORMS_SAMPLES ?? 3);
const FORMS = (process.env.BENCH_FORMS?.split(',') ?? SUPPORTED_FORMS) as FormNumber[];
const OCR_WORKERS = Number(process.env.BENCH_FORMS_OCR_WORKERS ?? 1);

type Variant = 'fillable PDF' | 'flat PDF' | 'office scan, TIFF G4 200 dpi' | 'fax scan, image PDF 200 dpi';
const VARIANTS: readonly Variant[] = ['fillable PDF', 'flat PDF', 'office scan, TIFF G4 200 dpi', 'fax scan, image PDF 200 dpi'];

interface Tally {
  boxes: number;
  exact: number;
  wanted: number;
  prefilled: number;
  wrong: number;
  pages: number;
  seconds: number;
  reader: string;
  refused: number;
}

const noTimeRule = () => E.right(undefined);

/** What a perfect reader returns for the sample: every box as written, fully sure. */
const perfectReading = (s: SampleForm): FormReading => ({
  form: s.layout.form,
  revision: s.layout.revision as FormReading['revision'],
  reader: 'pdf-form-fields',
  pages: s.layout.pages,
  fields: s.layout.fields.map(
    (f): ReadField => ({ key: f.key, fills: f.fills, label: f.label, ...(f.part ? { part: f.part } : {}), value: s.values[f.key] ?? (f.kind === 'checkbox' ? false : ''), confidence: 1, where: regionOf(s.layout, f) }),
  ),
});

const bytesOf = async (pool: PdfPool, s: SampleForm, v: Variant, seed: number): Promise<{ bytes: Uint8Array; mediaType: 'application/pdf' | 'image/tiff' }> => {
  switch (v) {
    case 'fillable PDF':
      return { bytes: await renderSampleForm(s.layout, s.values, 'fillable'), mediaType: 'application/pdf' };
    case 'flat PDF':
      return { bytes: await renderSampleForm(s.layout, s.values, 'flat'), mediaType: 'application/pdf' };
    case 'office scan, TIFF G4 200 dpi':
      return { bytes: await scanned(pool, s, 'tiff', { effects: SCAN_PRESETS.office, seed }), mediaType: 'image/tiff' };
    case 'fax scan, image PDF 200 dpi':
      return { bytes: await scanned(pool, s, 'pdf', { effects: SCAN_PRESETS.fax, seed }), mediaType: 'application/pdf' };
  }
};

const main = async () => {
  const service = new FormReadingService({ ocrWorkers: OCR_WORKERS, maxQueuedPages: 100 });
  const pool = new PdfPool(1);
  const started = Date.now();
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${SAMPLES} sample(s) per form, ${OCR_WORKERS} OCR engine(s)`);
  const tallies = new Map<string, Tally>();
  // Start the engines and threads before timing anything.
  await service.read({ bytes: await renderSampleForm(sampleForm('DV-130').layout, {}, 'flat'), mediaType: 'application/pdf' });
  for (const form of FORMS) {
    for (let n = 1; n <= SAMPLES; n++) {
      const s = sampleForm(form, n);
      const truth = prefillFromReading(perfectReading(s), {}, noTimeRule);
      const wantedFields = truth.outcomes.filter((o) => o.status === 'prefilled');
      for (const v of VARIANTS) {
        const key = `${v}|${form}`;
        const t: Tally = tallies.get(key) ?? { boxes: 0, exact: 0, wanted: 0, prefilled: 0, wrong: 0, pages: 0, seconds: 0, reader: '', refused: 0 };
        tallies.set(key, t);
        const input = await bytesOf(pool, s, v, n);
        const t0 = process.hrtime.bigint();
        const r = await service.read(input);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        t.boxes += s.layout.fields.length;
        t.wanted += wantedFields.length;
        if (E.isLeft(r)) {
          t.refused += 1;
          t.pages += s.layout.pages;
          t.seconds += seconds;
          continue;
        }
        t.reader = r.right.reader;
        t.pages += Math.min(r.right.pages, s.layout.pages);
        t.seconds += seconds;
        const read = new Map(r.right.fields.map((f) => [f.key, f.value]));
        t.exact += s.layout.fields.filter((f) => normalised(read.get(f.key)) === normalised(s.values[f.key] ?? (f.kind === 'checkbox' ? false : ''))).length;
        const got = prefillFromReading(r.right, {}, noTimeRule);
        for (const o of got.outcomes) {
          if (o.status !== 'prefilled' || o.field === 'form') continue;
          const f = readableField(o.field);
          const right = JSON.stringify(f.get(got.details)) === JSON.stringify(f.get(truth.details));
          if (right) t.prefilled += wantedFields.some((w) => w.field === o.field) ? 1 : 0;
          else t.wrong += 1;
        }
      }
    }
  }
  const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
  console.log('| reader (input) | form | box accuracy | pre-filled | wrong pre-fills | s/page | refused |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const v of VARIANTS) {
    const all: Tally = { boxes: 0, exact: 0, wanted: 0, prefilled: 0, wrong: 0, pages: 0, seconds: 0, reader: '', refused: 0 };
    for (const form of FORMS) {
      const t = tallies.get(`${v}|${form}`)!;
      console.log(`| ${t.reader || '–'} (${v}) | ${form} | ${pct(t.exact, t.boxes)} | ${pct(t.prefilled, t.wanted)} | ${t.wrong} | ${(t.seconds / t.pages).toFixed(2)} | ${t.refused} |`);
      for (const k of Object.keys(all) as (keyof Tally)[]) if (k !== 'reader') (all[k] as number) += t[k] as number;
      all.reader = t.reader;
    }
    console.log(`| **${all.reader} (${v})** | **all** | **${pct(all.exact, all.boxes)}** | **${pct(all.prefilled, all.wanted)}** | **${all.wrong}** | **${(all.seconds / all.pages).toFixed(2)}** | **${all.refused}** |`);
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  await Promise.all([service.close(), pool.close()]);
};

void main();
