import * as E from 'fp-ts/Either';
import type { FormReadError, FormReading, ReadField } from '@ccpor/domain';
import type { FormLayout, LayoutField } from '../layouts';
import { checkField, textField, wordsByField, type PageWord } from '../page-words';
import type { PdfContent, PdfPageContent } from '../pdf/pdf-content';
import { recogniseForm } from '../recognise-form';
import { formNumberField } from './form-field';

/**
 * Confidences of the PDF readers, on the scale the domain's pre-fill threshold reads:
 * a fillable field holds exactly what was typed into it; a text run lying inside a box is
 * almost surely its value; an empty box in a text layer is empty.
 */
export const FIELD_CONFIDENCE = 1;
export const TEXT_CONFIDENCE = 0.98;
export const EMPTY_TEXT_CONFIDENCE = 0.97;
const CHECK_MARK = /^[X✓✔☒✗✘]$/i;

/** Fewer characters than this on every page together: a scan, whatever text a stamp left. OCR reads it. */
export const SCANNED_TEXT_CHARS = 200;

export const pdfText = (content: PdfContent): string[] => content.pages.map((p) => p.items.map((i) => i.text).join(' '));

/** A page's text runs, scaled from the PDF's page size to the layout's. */
const pageWords = (layout: FormLayout, page: PdfPageContent): PageWord[] => {
  const sx = layout.pageSize.width / page.width;
  const sy = layout.pageSize.height / page.height;
  return page.items.map((i) => ({ text: i.text, x0: i.x0 * sx, y0: i.y0 * sy, x1: i.x1 * sx, y1: i.y1 * sy, confidence: TEXT_CONFIDENCE }));
};

/** Boxes read from the text layer: text boxes by the runs inside them, check boxes by a mark inside them. */
const fromTextLayer = (layout: FormLayout, content: PdfContent, fields: readonly LayoutField[]): ReadField[] => {
  const out: ReadField[] = [];
  for (let p = 1; p <= layout.pages; p++) {
    const page = content.pages[p - 1];
    const onPage = fields.filter((f) => f.page === p);
    if (!page || onPage.length === 0) continue;
    const words = wordsByField(onPage, pageWords(layout, page));
    for (const f of onPage) {
      const ws = words.get(f) ?? [];
      out.push(
        f.kind === 'checkbox'
          ? checkField(layout, f, ws.some((w) => CHECK_MARK.test(w.text.trim())), TEXT_CONFIDENCE)
          : textField(layout, f, ws, EMPTY_TEXT_CONFIDENCE),
      );
    }
  }
  return out;
};

/**
 * A fillable PDF's own fields, by the names the layout gives them. Boxes the PDF has no field
 * for are read from its text layer. Undefined when the PDF has none of the layout's fields:
 * it is not this form filled in as a fillable PDF (it may have been printed, or scanned).
 */
const fromFormFields = (layout: FormLayout, content: PdfContent): ReadField[] | undefined => {
  const byName = new Map(content.pages.flatMap((p) => p.fields).map((f) => [f.name, f]));
  const read: ReadField[] = [];
  const rest: LayoutField[] = [];
  for (const f of layout.fields) {
    const field = f.acroField === undefined ? undefined : byName.get(f.acroField);
    if (field === undefined || field.kind === 'other') {
      rest.push(f);
      continue;
    }
    read.push(
      f.kind === 'checkbox'
        ? checkField(layout, f, field.value === true, FIELD_CONFIDENCE)
        : { ...textField(layout, f, [], FIELD_CONFIDENCE), value: typeof field.value === 'string' ? field.value.replace(/\s+/g, ' ').trim() : '' },
    );
  }
  if (read.length === 0) return undefined;
  return [...read, ...fromTextLayer(layout, content, rest)];
};

export type PdfReadOutcome = { readonly kind: 'read'; readonly reading: FormReading } | { readonly kind: 'needs-ocr' };

/**
 * Reads a PDF with the best reader it allows: its own form fields, else its text layer. A PDF
 * with (nearly) no text is a scan and needs OCR. The form is recognised from the text layer.
 */
export const readPdfContent = (content: PdfContent, layouts: readonly FormLayout[]): E.Either<FormReadError, PdfReadOutcome> => {
  const text = pdfText(content);
  if (text.join('').replace(/\s+/g, '').length < SCANNED_TEXT_CHARS) return E.right({ kind: 'needs-ocr' });
  const recognised = recogniseForm(text, layouts);
  if (E.isLeft(recognised)) return recognised;
  const layout = recognised.right;
  const base = { form: layout.form, revision: layout.revision as FormReading['revision'], pages: content.pages.length };
  const fields = fromFormFields(layout, content);
  if (fields !== undefined) {
    return E.right({ kind: 'read', reading: { ...base, reader: 'pdf-form-fields', fields: [formNumberField(layout, FIELD_CONFIDENCE), ...fields] } });
  }
  return E.right({ kind: 'read', reading: { ...base, reader: 'pdf-text', fields: [formNumberField(layout, TEXT_CONFIDENCE), ...fromTextLayer(layout, content, layout.fields)] } });
};
