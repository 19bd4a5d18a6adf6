import { createCanvas } from '@napi-rs/canvas';
import type { PdfContent, PdfFormField, PdfPageContent, PdfTaskResult, PdfTextItem } from './pdf-content';
import { documentOptions, loadPdfJs } from './pdfjs';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface TextItemLike {
  readonly str?: string;
  readonly transform?: readonly number[];
  readonly width?: number;
  readonly height?: number;
}

interface FieldObjectLike {
  readonly type?: string;
  readonly value?: unknown;
  readonly rect?: readonly number[];
  readonly page?: number;
  readonly exportValues?: unknown;
}

/**
 * Reads a PDF's pages (size, text items, form fields) with pdf.js. Coordinates are turned to
 * points from each page's top-left corner, as layouts write them.
 */
export const inspectPdf = async (bytes: Uint8Array): Promise<PdfTaskResult<PdfContent>> => {
  const pdfjs = await loadPdfJs();
  let doc;
  try {
    doc = await pdfjs.getDocument(documentOptions(bytes)).promise;
  } catch (error) {
    return { ok: false, reason: `the PDF could not be opened: ${describe(error)}` };
  }
  try {
    const fieldObjects = ((await doc.getFieldObjects()) ?? {}) as Record<string, FieldObjectLike[]>;
    const pages: PdfPageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const text = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const raw of text.items as TextItemLike[]) {
        if (typeof raw.str !== 'string' || raw.str.trim() === '' || raw.transform === undefined) continue;
        const [, , , d = 0, e = 0, f = 0] = raw.transform;
        const h = Math.abs(raw.height ?? d) || Math.abs(d);
        items.push({ text: raw.str, x0: e, y0: height - f - h, x1: e + (raw.width ?? 0), y1: height - f + h * 0.2 });
      }
      const fields: PdfFormField[] = [];
      for (const [name, objects] of Object.entries(fieldObjects)) {
        for (const o of objects) {
          if (o.page !== n - 1 || o.rect === undefined) continue;
          const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = o.rect;
          const kind = o.type === 'text' ? 'text' : o.type === 'checkbox' ? 'checkbox' : 'other';
          const value = kind === 'checkbox' ? typeof o.value === 'string' && o.value !== 'Off' && o.value !== '' : typeof o.value === 'string' ? o.value : '';
          fields.push({ name, kind, value, x0, y0: height - y1, x1, y1: height - y0 });
        }
      }
      pages.push({ width, height, items, fields });
      page.cleanup();
    }
    return { ok: true, value: { pages } };
  } catch (error) {
    return { ok: false, reason: `the PDF could not be read: ${describe(error)}` };
  } finally {
    await doc.destroy();
  }
};

/**
 * One page drawn to a greyscale PNG at `dpi`, with the form fields' appearances (a filled
 * fillable form shows its values), for OCR.
 */
export const renderPdfPage = async (bytes: Uint8Array, pageNumber: number, dpi: number): Promise<PdfTaskResult<Uint8Array>> => {
  const pdfjs = await loadPdfJs();
  let doc;
  try {
    doc = await pdfjs.getDocument(documentOptions(bytes)).promise;
  } catch (error) {
    return { ok: false, reason: `the PDF could not be opened: ${describe(error)}` };
  }
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvas: canvas as never,
      canvasContext: context as never,
      viewport,
      annotationMode: pdfjs.AnnotationMode.ENABLE,
    }).promise;
    return { ok: true, value: new Uint8Array(await canvas.encode('png')) };
  } catch (error) {
    return { ok: false, reason: `page ${pageNumber} could not be drawn: ${describe(error)}` };
  } finally {
    await doc.destroy();
  }
};

/** The number of pages, without reading them. */
export const countPdfPages = async (bytes: Uint8Array): Promise<PdfTaskResult<number>> => {
  const pdfjs = await loadPdfJs();
  try {
    const doc = await pdfjs.getDocument(documentOptions(bytes)).promise;
    const n = doc.numPages;
    await doc.destroy();
    return { ok: true, value: n };
  } catch (error) {
    return { ok: false, reason: `the PDF could not be opened: ${describe(error)}` };
  }
};
