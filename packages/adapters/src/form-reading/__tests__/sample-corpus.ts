// The synthetic module alone: the test-kit's index also loads jest's globals, which the benchmark runs without.
import { SyntheticOrders } from '../../../../test-kit/src/synthetic';
import type { DraftDetails, FormNumber, OrderDetails } from '@ccpor/domain';
import { formLayouts, type FormLayout } from '../layouts';
import type { PdfPool } from '../pdf/pdf-pool';
import { printedFormValues, type PrintedValues } from '../sample-forms/printed-form-values';
import { renderSampleForm } from '../sample-forms/render-form';
import { scanPage, scannedPdf, scannedTiff, SCAN_PRESETS, type ScanEffects } from '../sample-forms/scan-form';

/** The forms the registry must read (issue 20), each at its newest layout. */
export const SUPPORTED_FORMS: readonly FormNumber[] = ['EPO-001', 'DV-110', 'DV-130', 'CH-130', 'CR-160'];

export const newestLayout = (form: FormNumber): FormLayout =>
  formLayouts()
    .filter((l) => l.form === form)
    .sort((a, b) => (a.revision < b.revision ? 1 : -1))[0]!;

/**
 * Synthetic orders of one form, with the provisions, hearing and expiry its boxes ask for, so
 * every kind of box (names, dates, codes, check boxes, counts) is filled on some form.
 */
export const syntheticDetails = (form: FormNumber, seed: number): OrderDetails => {
  const gen = new SyntheticOrders({ seed: `${form}-${seed}`, validate: false });
  let order = gen.next();
  for (let i = 0; i < 200 && order.details.form !== form; i++) order = gen.next();
  const d = order.details;
  const second = seed % 2 === 0;
  return {
    ...d,
    form,
    judicialOfficer: second ? 'Hon. Maria Delgado' : 'Hon. Robert K. Chen',
    restrainedPerson: { ...d.restrainedPerson, height: second ? '510' : '603', weight: second ? '185' : '220', eyes: second ? 'BRO' : 'BLU', hair: second ? 'BLK' : 'BRO', relationship: second ? 'former spouse' : 'neighbor' },
    provisions: [
      { kind: 'personal-conduct' },
      { kind: 'stay-away', distanceYards: second ? 100 : 300, places: second ? ['person', 'home', 'workplace'] : ['person', 'vehicle'] },
      ...(second ? [{ kind: 'firearm-relinquishment' as const, withinHours: 24 }] : [{ kind: 'no-contact' as const }]),
    ],
    ...(form === 'EPO-001' ? { expiration: { kind: 'date' as const, date: d.issuedAt.slice(0, 10) as never, time: '17:00' } } : {}),
  } as OrderDetails;
};

export interface SampleForm {
  readonly layout: FormLayout;
  readonly details: DraftDetails;
  readonly values: PrintedValues;
}

export const sampleForm = (form: FormNumber, seed = 1): SampleForm => {
  const layout = newestLayout(form);
  const details = syntheticDetails(form, seed);
  return { layout, details, values: printedFormValues(layout, details) };
};

/** A scan of the flat form: pages drawn at `dpi`, damaged as `effects` says, as TIFF (Group 4) or image-only PDF. */
export const scanned = async (
  pool: PdfPool,
  sample: SampleForm,
  as: 'tiff' | 'pdf',
  options: { effects?: ScanEffects; dpi?: number; pages?: number; seed?: number } = {},
): Promise<Uint8Array> => {
  const dpi = options.dpi ?? 200;
  const flat = await renderSampleForm(sample.layout, sample.values, 'flat');
  const pages = [];
  for (let p = 1; p <= Math.min(options.pages ?? sample.layout.pages, sample.layout.pages); p++) {
    const png = await pool.render(flat, p, dpi);
    if (!png.ok) throw new Error(png.reason);
    pages.push(await scanPage(png.value, options.effects ?? SCAN_PRESETS.office, (options.seed ?? 1) * 100 + p));
  }
  return as === 'tiff' ? scannedTiff(pages, dpi) : scannedPdf(pages, dpi);
};

/** Text compared as the benchmark compares it: upper case, letters and digits only. */
export const normalised = (v: string | boolean | undefined): string | boolean => (typeof v === 'boolean' ? v : (v ?? '').toUpperCase().replace(/[^A-Z0-9]/g, ''));
