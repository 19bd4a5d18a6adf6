import { preparePage } from '../ocr/prepare-page';
import type { PdfTaskResult } from './pdf-content';
import { countPdfPages, inspectPdf, renderPdfPage } from './pdf-tasks';

/** A task for the PDF worker threads (pdf-pool.ts). */
export type PdfTask =
  | { readonly kind: 'inspect'; readonly bytes: Uint8Array }
  | { readonly kind: 'count'; readonly bytes: Uint8Array }
  | { readonly kind: 'render'; readonly bytes: Uint8Array; readonly page: number; readonly dpi: number }
  /** A page readied for OCR (ocr/prepare-page.ts): of a PDF, drawn at `dpi`; of a TIFF, as scanned. */
  | { readonly kind: 'prepare-pdf-page'; readonly bytes: Uint8Array; readonly page: number; readonly dpi: number }
  | { readonly kind: 'prepare-tiff-page'; readonly bytes: Uint8Array; readonly page: number };

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The worker thread's entry (piscina calls the default export with each task). */
export default async function runPdfTask(task: PdfTask): Promise<unknown> {
  switch (task.kind) {
    case 'inspect':
      return inspectPdf(task.bytes);
    case 'count':
      return countPdfPages(task.bytes);
    case 'render':
      return renderPdfPage(task.bytes, task.page, task.dpi);
    case 'prepare-pdf-page': {
      const drawn = await renderPdfPage(task.bytes, task.page, task.dpi);
      if (!drawn.ok) return drawn;
      return preparePage(drawn.value, { dpi: task.dpi }).then(
        (value): PdfTaskResult<unknown> => ({ ok: true, value }),
        (error: unknown): PdfTaskResult<unknown> => ({ ok: false, reason: `page ${task.page} could not be prepared: ${describe(error)}` }),
      );
    }
    case 'prepare-tiff-page':
      return preparePage(task.bytes, { page: task.page }).then(
        (value): PdfTaskResult<unknown> => ({ ok: true, value }),
        (error: unknown): PdfTaskResult<unknown> => ({ ok: false, reason: `page ${task.page} of the TIFF could not be read: ${describe(error)}` }),
      );
  }
}
