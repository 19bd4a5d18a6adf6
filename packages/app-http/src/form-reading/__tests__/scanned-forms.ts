import { formLayouts, printedFormValues, renderSampleForm, scanPage, scannedTiff, SCAN_PRESETS, type PdfPool } from '@ccpor/adapters';
import type { DraftDetails, FormNumber } from '@ccpor/domain';

export const newestLayout = (form: FormNumber) =>
  formLayouts()
    .filter((l) => l.form === form)
    .sort((a, b) => (a.revision < b.revision ? 1 : -1))[0]!;

/** The form filled in for these details and scanned: a multi-page CCITT Group 4 TIFF. */
export const scannedForm = async (pool: PdfPool, form: FormNumber, details: DraftDetails, options: { dpi?: number; seed?: number; as?: 'flat' | 'tiff' } = {}): Promise<Uint8Array> => {
  const layout = newestLayout(form);
  const flat = await renderSampleForm(layout, printedFormValues(layout, details), 'flat');
  if (options.as === 'flat') return flat;
  const dpi = options.dpi ?? 200;
  const pages = [];
  for (let p = 1; p <= layout.pages; p++) {
    const png = await pool.render(flat, p, dpi);
    if (!png.ok) throw new Error(png.reason);
    pages.push(await scanPage(png.value, SCAN_PRESETS.clean, (options.seed ?? 1) * 10 + p));
  }
  return scannedTiff(pages, dpi);
};
