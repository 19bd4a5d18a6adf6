import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { FormLayout } from '../layouts';
import type { PrintedValues } from './printed-form-values';

export type SampleFormKind = 'fillable' | 'flat';

const INK = rgb(0, 0, 0);
const RULE = rgb(0.2, 0.2, 0.2);

/** Helvetica writes WinAnsi only: letters outside it (a stray OCR-ish glyph in a name) become "?". */
const winAnsi = (s: string): string => s.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?');

const rightAligned = (page: PDFPage, font: PDFFont, text: string, right: number, top: number, size: number) =>
  page.drawText(winAnsi(text), { x: right - font.widthOfTextAtSize(winAnsi(text), size), y: page.getHeight() - top, size, font, color: INK });

/**
 * Draws a filled-in form from its layout: title and form number at the top, the revision and
 * "FORM, Page n of N" in every footer (as Judicial Council forms print them), item headings,
 * each box with its label and each check box with its label beside it. `fillable` gives every
 * box an AcroForm field named as the layout says, holding the value (a court filing a fillable
 * PDF); `flat` writes the values onto the page as text (a form printed from a case system).
 */
export const renderSampleForm = async (layout: FormLayout, values: PrintedValues, kind: SampleFormKind): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  doc.setTitle(`${layout.form} ${layout.title}`);
  doc.setProducer('ccpor sample forms');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const form = kind === 'fillable' ? doc.getForm() : undefined;
  const { width, height } = layout.pageSize;
  for (let n = 1; n <= layout.pages; n++) {
    const page = doc.addPage([width, height]);
    const at = (x: number, top: number) => ({ x, y: height - top });
    page.drawText(winAnsi(layout.title), { ...at(36, 40), size: 11, font: bold, color: INK });
    rightAligned(page, bold, layout.form, width - 36, 40, 16);
    page.drawText(winAnsi(layout.revisionText), { ...at(36, height - 22), size: 8, font, color: INK });
    rightAligned(page, bold, `${layout.form}, Page ${n} of ${layout.pages}`, width - 36, height - 22, 8);
    for (const t of layout.text.filter((x) => x.page === n)) page.drawText(winAnsi(t.text), { ...at(t.x, t.y), size: t.size, font: t.bold ? bold : font, color: INK });
    for (const f of layout.fields.filter((x) => x.page === n)) {
      const b = f.box;
      page.drawRectangle({ x: b.x, y: height - b.y - b.height, width: b.width, height: b.height, borderColor: RULE, borderWidth: 0.75 });
      const label = f.labelAt ?? (f.kind === 'checkbox' ? { x: b.x + 18, y: b.y + 9, size: 9 } : { x: b.x, y: b.y - 5, size: 7 });
      page.drawText(winAnsi(f.label), { ...at(label.x, label.y), size: label.size, font, color: INK });
      const v = values[f.key];
      if (form && f.acroField) {
        if (f.kind === 'checkbox') {
          const box = form.createCheckBox(f.acroField);
          box.addToPage(page, { x: b.x, y: height - b.y - b.height, width: b.width, height: b.height, borderWidth: 0 });
          if (v === true) box.check();
        } else {
          const field = form.createTextField(f.acroField);
          if (typeof v === 'string') field.setText(winAnsi(v));
          field.addToPage(page, { x: b.x, y: height - b.y - b.height, width: b.width, height: b.height, borderWidth: 0, font });
          field.setFontSize(10);
        }
      } else if (f.kind === 'checkbox') {
        if (v === true) page.drawText('X', { ...at(b.x + 2.3, b.y + b.height - 2), size: 10, font: bold, color: INK });
      } else if (typeof v === 'string') {
        page.drawText(winAnsi(v), { ...at(b.x + 3, b.y + b.height - 5), size: 10, font, color: INK, maxWidth: b.width - 4 });
      }
    }
  }
  if (form) form.updateFieldAppearances(font);
  return doc.save();
};
