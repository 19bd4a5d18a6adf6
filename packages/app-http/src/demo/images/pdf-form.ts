import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { wrap, type FormFace } from './form-face';

const INK = rgb(0.08, 0.08, 0.1);
const FILLED = rgb(0.05, 0.15, 0.45);
const LINE = rgb(0.25, 0.25, 0.28);

/** Standard fonts write WinAnsi only: the demo's text is plain, but be safe with quotes and dashes. */
const ansi = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[—–]/g, '-').replace(/[^\x20-\x7e]/g, '');

/**
 * The order's form as a filled-in PDF (one or two letter pages): the form's printed labels in
 * black Helvetica, what the clerk typed in blue Courier, boxes checked, and the judge's signature.
 */
export const pdfForm = async (f: FormFace, seed: number): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  doc.setTitle(ansi(`${f.form} ${f.title} - case ${f.caseNumber}`));
  doc.setProducer('CCPOR demo data');
  doc.setCreator('CCPOR demo data (invented people)');
  const label = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const typed = await doc.embedFont(StandardFonts.Courier);

  const text = (page: PDFPage, s: string, x: number, y: number, size: number, font: PDFFont, color = INK) => page.drawText(ansi(s), { x, y, size, font, color });
  const box = (page: PDFPage, x: number, y: number, w: number, h: number, width = 0.8) => page.drawRectangle({ x, y, width: w, height: h, borderColor: LINE, borderWidth: width });
  const field = (page: PDFPage, x: number, y: number, w: number, name: string, value: string) => {
    box(page, x, y, w, 34);
    text(page, name, x + 4, y + 24, 7, label);
    text(page, value, x + 6, y + 7, 11, typed, FILLED);
  };
  const head = (page: PDFPage, n: number) => {
    text(page, f.court, 36, 750, 10, bold);
    box(page, 486, 732, 90, 36, 1.5);
    text(page, f.form, 486 + (90 - bold.widthOfTextAtSize(f.form, 16)) / 2, 743, 16, bold);
    wrap(f.title, 62).forEach((line, i) => text(page, line, 36, 716 - i * 16, 12, bold));
    field(page, 36, 650, 300, 'CASE NUMBER', f.caseNumber);
    field(page, 346, 650, 230, 'PAGE', `${n} of ${f.pages}`);
  };
  const foot = (page: PDFPage, n: number) => {
    page.drawLine({ start: { x: 36, y: 44 }, end: { x: 576, y: 44 }, thickness: 0.8, color: LINE });
    text(page, `${f.form}   This is a Court Order.`, 36, 32, 8, label);
    text(page, `Page ${n} of ${f.pages}`, 520, 32, 8, label);
  };
  const sign = (page: PDFPage, y: number, s: number) => {
    text(page, 'Date:', 36, y, 9, label);
    text(page, f.issued.split(',')[0] ?? f.issued, 64, y, 11, typed, FILLED);
    page.drawLine({ start: { x: 300, y: y - 2 }, end: { x: 576, y: y - 2 }, thickness: 0.8, color: LINE });
    const points: string[] = [];
    for (let t = 0; t <= 200; t += 2) points.push(`${(t * 1.2 + 8 * Math.sin(t / 7 + s)).toFixed(1)},${(-10 * Math.sin(t / 11 + s * 2) * Math.cos(t / 23)).toFixed(1)}`);
    page.drawSvgPath(`M ${points.join(' L ')}`, { x: 320, y: y + 10, borderColor: FILLED, borderWidth: 1.1 });
    text(page, `Judicial officer: ${f.judge}`, 300, y - 14, 8, label);
  };

  const one = doc.addPage([612, 792]);
  head(one, 1);
  let y = 620;
  text(one, '1. Protected person(s)', 36, y, 10, bold);
  for (const p of f.protectedPersons.slice(0, 4)) {
    y -= 16;
    text(one, p, 56, y, 11, typed, FILLED);
  }
  y -= 24;
  text(one, '2. Restrained person', 36, y, 10, bold);
  y -= 16;
  text(one, f.restrained.name, 56, y, 11, typed, FILLED);
  y -= 18;
  let x = 56;
  for (const [name, value] of f.restrained.details) {
    text(one, `${name}:`, x, y, 8, label);
    x += label.widthOfTextAtSize(`${name}: `, 8);
    text(one, value || '-', x, y, 10, typed, FILLED);
    x += typed.widthOfTextAtSize(value || '-', 10) + 14;
  }
  y -= 24;
  text(one, '3. Petitioner:', 36, y, 10, bold);
  text(one, f.petitioner, 110, y, 11, typed, FILLED);
  y -= 46;
  field(one, 36, y, 265, 'ORDER ISSUED (date and time)', f.issued);
  field(one, 311, y, 265, 'THIS ORDER EXPIRES', f.expires);
  y -= 26;
  text(one, '4. The court orders (checked items apply):', 36, y, 10, bold);
  for (const [name, checked] of f.checked) {
    y -= 18;
    box(one, 56, y - 2, 10, 10);
    if (checked) text(one, 'X', 57.5, y - 0.5, 10, typed, FILLED);
    text(one, name, 74, y, 9, label);
  }
  if (f.pages === 1) {
    y -= 28;
    text(one, '5. Other orders', 36, y, 10, bold);
    for (const line of wrap(f.terms || 'None.', 78).slice(0, 8)) {
      y -= 14;
      text(one, line, 56, y, 10, typed, FILLED);
    }
    sign(one, Math.min(y - 40, 110), seed);
  }
  foot(one, 1);
  if (f.pages === 2) {
    const two = doc.addPage([612, 792]);
    head(two, 2);
    y = 620;
    text(two, '5. Other orders', 36, y, 10, bold);
    for (const line of wrap(f.terms || 'None.', 78).slice(0, 24)) {
      y -= 14;
      text(two, line, 56, y, 10, typed, FILLED);
    }
    if (f.hearing) {
      y -= 30;
      text(two, '6. Hearing:', 36, y, 10, bold);
      text(two, f.hearing, 110, y, 11, typed, FILLED);
    }
    y -= 36;
    text(two, 'Warning: violating this order is a crime. The restrained person must not own, have or buy a gun', 36, y, 9, label);
    text(two, 'or ammunition while the order is in effect.', 36, y - 12, 9, label);
    sign(two, 140, seed + 1);
    foot(two, 2);
  }
  return doc.save({ useObjectStreams: false });
};
