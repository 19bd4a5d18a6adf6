import * as E from 'fp-ts/Either';
import type { FormReadError, FormReading, FormRegion, ReadField } from '@ccpor/domain';
import type { FormLayout, LayoutBox, LayoutField } from '../layouts';
import type { OcrPage } from '../ocr/tesseract-engine';
import { checkField, textField, wordsByField, type PageWord, type Slack } from '../page-words';
import { formNumbersIn, recogniseForm } from '../recognise-form';
import { formNumberField } from './form-field';

/**
 * Thresholds of the OCR reader, calibrated on the generated corpus (adapters README, "Reading
 * forms"): the share of a check box's inside that is ink when it is checked or not, and in a
 * text box that holds something the engine could not read.
 */
const CHECKED_INK = 0.1;
const SURE_UNCHECKED_INK = 0.04;
const SURE_CHECKED_INK = 0.18;
const STRAY_INK = 0.015;
/** How sure an empty box is empty when no ink is in it, or unsure when ink is there but no word was read. */
const EMPTY_CONFIDENCE = 0.95;
const INK_WITHOUT_WORDS_CONFIDENCE = 0.3;
const SURE_CHECK = 0.97;
const OCR_SLACK: Slack = { x: 3, y: 1.5 };

interface Transform {
  readonly sx: number;
  readonly sy: number;
  readonly tx: number;
  readonly ty: number;
}

const simplified = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]+/g, '');

/** Edit distance, for matching printed headings with what OCR made of them. */
const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Where the layout's points fall on the scanned page: the page's resolution gives the scale
 * (points to pixels), and the printed headings and labels, found among the recognised lines,
 * give the shift a scanner adds (margins, feed): the median of their offsets, so a heading
 * matched to the wrong line changes nothing. The skew is already undone (prepare-page.ts).
 * Without any landmark the page is taken from the image's top-left corner.
 */
export const fitTransform = (layout: FormLayout, pageNo: number, page: OcrPage): Transform => {
  const s = page.dpi / 72;
  const dx: number[] = [];
  const dy: number[] = [];
  const landmarks = [
    ...layout.text.filter((x) => x.page === pageNo),
    ...layout.fields.filter((f) => f.page === pageNo && f.labelAt !== undefined).map((f) => ({ ...f.labelAt!, text: f.label })),
  ];
  for (const t of landmarks) {
    const want = simplified(t.text);
    if (want.length < 5) continue;
    let best: { d: number; x0: number; y0: number } | undefined;
    for (const line of page.lines) {
      const got = simplified(line.text);
      // A line can hold two labels side by side: compare with its start, at the label's length.
      const d = distance(want, got.length > want.length * 1.3 ? got.slice(0, want.length) : got) / want.length;
      if (d <= 0.15 && (best === undefined || d < best.d)) best = { d, x0: line.x0, y0: line.y0 };
    }
    if (best) {
      dx.push(best.x0 - s * t.x);
      // A line's box starts at its capitals, about 0.72 of the type size above the baseline.
      dy.push(best.y0 - s * (t.y - 0.72 * t.size));
    }
  }
  return dx.length === 0 ? { sx: s, sy: s, tx: 0, ty: 0 } : { sx: s, sy: s, tx: median(dx), ty: median(dy) };
};

/** Share of the pixels inside a box (inset by `inset` points) that are ink. */
const inkRatio = (page: OcrPage, tr: Transform, box: LayoutBox, inset: number): number => {
  const x0 = Math.max(0, Math.round(tr.sx * (box.x + inset) + tr.tx));
  const x1 = Math.min(page.width, Math.round(tr.sx * (box.x + box.width - inset) + tr.tx));
  const y0 = Math.max(0, Math.round(tr.sy * (box.y + inset) + tr.ty));
  const y1 = Math.min(page.height, Math.round(tr.sy * (box.y + box.height - inset) + tr.ty));
  if (x1 <= x0 || y1 <= y0) return 0;
  let ink = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * page.width;
    for (let x = x0; x < x1; x++) if (page.ink[row + x]! < 128) ink++;
  }
  return ink / ((x1 - x0) * (y1 - y0));
};

/** A box's place on the scanned image, as fractions of the image, for highlighting it there. */
const regionOnImage = (page: OcrPage, tr: Transform, f: LayoutField): FormRegion => {
  const frac = (n: number) => Math.min(1, Math.max(0, Math.round(n * 10_000) / 10_000));
  return {
    page: f.page,
    x: frac((tr.sx * f.box.x + tr.tx) / page.width),
    y: frac((tr.sy * f.box.y + tr.ty) / page.height),
    width: frac((tr.sx * f.box.width) / page.width),
    height: frac((tr.sy * f.box.height) / page.height),
  };
};

/** What is left of a box's border at a word's end, read as a bracket or a bar; its confidence stays low. */
const BORDER_BITS = /^[[\]{}|]+|[[\]{}|]+$/g;

/** Recognised text that is a box's border or a smudge, not writing. */
const isWriting = (text: string): boolean => /[A-Za-z0-9]/.test(text);

const readPage = (layout: FormLayout, pageNo: number, page: OcrPage): ReadField[] => {
  const tr = fitTransform(layout, pageNo, page);
  const words: PageWord[] = page.words
    .filter((w) => isWriting(w.text))
    .map((w) => ({ text: w.text.replace(BORDER_BITS, ''), confidence: w.confidence, x0: (w.x0 - tr.tx) / tr.sx, x1: (w.x1 - tr.tx) / tr.sx, y0: (w.y0 - tr.ty) / tr.sy, y1: (w.y1 - tr.ty) / tr.sy }));
  const fields = layout.fields.filter((f) => f.page === pageNo);
  const text = fields.filter((f) => f.kind === 'text');
  const byField = wordsByField(text, words, OCR_SLACK);
  const out: ReadField[] = [];
  for (const f of fields) {
    const where = regionOnImage(page, tr, f);
    if (f.kind === 'checkbox') {
      const ink = inkRatio(page, tr, f.box, 2.5);
      const confidence = ink <= SURE_UNCHECKED_INK || ink >= SURE_CHECKED_INK ? SURE_CHECK : 0.5 + Math.abs(ink - CHECKED_INK) * 4;
      out.push(checkField(layout, f, ink >= CHECKED_INK, Math.min(SURE_CHECK, confidence), where));
    } else {
      const ws = byField.get(f) ?? [];
      const empty = ws.length === 0 && inkRatio(page, tr, f.box, 2) > STRAY_INK ? INK_WITHOUT_WORDS_CONFIDENCE : EMPTY_CONFIDENCE;
      out.push(textField(layout, f, ws, empty, where));
    }
  }
  return out;
};

/** Two readings of a box agree when they are the same after normalisation (letters and digits only, upper case). */
const agree = (a: string, b: string): boolean => {
  const n = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // A crop's edge can leave a speck the engine reads as a stray short word after the value.
  const trimmed = b.trim().split(/\s+/);
  while (trimmed.length > 1 && n(trimmed[trimmed.length - 1]!).length <= 2 && n(a).length > 2 && !n(a).endsWith(n(trimmed[trimmed.length - 1]!) || '§')) trimmed.pop();
  return n(a) !== '' && n(a) === n(trimmed.join(' '));
};

/** How sure a box is when two independent readings of it agree: the engine's scores undersell digits and short words. */
export const AGREED_CONFIDENCE = 0.9;

/**
 * Letters the engine confuses with digits, next to a digit ("26FL0O1234"): two readings of the
 * same print make the same slip, so their agreement proves nothing there.
 */
const DIGIT_LOOKALIKE = /\d[OoQDIlSBZ]|[OoQDIlSBZ]\d/;

/**
 * A second opinion on every text box the page reading was unsure of: the box is read again
 * alone, as a single line, from the straightened page without its border. When both readings
 * agree the value is taken as sure (AGREED_CONFIDENCE); when they differ it stays unsure and the
 * clerk sees it as a suggestion. Boxes read as empty, and values where a letter the engine
 * confuses with a digit stands next to one, are left as they are.
 */
export const secondOpinion = async (
  reading: FormReading,
  pages: readonly OcrPage[],
  readLine: (page: OcrPage, region: { x: number; y: number; width: number; height: number }) => Promise<{ text: string; confidence: number }>,
  below: number,
): Promise<FormReading> => {
  const fields: ReadField[] = [];
  for (const f of reading.fields) {
    const page = pages[f.where.page - 1];
    if (typeof f.value !== 'string' || f.value === '' || f.confidence >= below || page === undefined || f.key === 'form' || DIGIT_LOOKALIKE.test(f.value)) {
      fields.push(f);
      continue;
    }
    // Inside the border: 2 points in from the top, bottom and left, 3 from the right (typed text stops short of it).
    const pt = page.dpi / 72;
    const region = { x: f.where.x * page.width + 2 * pt, y: f.where.y * page.height + 2 * pt, width: f.where.width * page.width - 5 * pt, height: f.where.height * page.height - 4 * pt };
    const again = await readLine(page, region);
    fields.push(agree(f.value, again.text) ? { ...f, confidence: Math.max(f.confidence, AGREED_CONFIDENCE) } : f);
  }
  return { ...reading, fields };
};

/** The place and confidence of the form number as printed on the first page that has it. */
const formNumberWhere = (layout: FormLayout, pages: readonly OcrPage[]): { where?: FormRegion; confidence: number } => {
  for (const [i, page] of pages.entries()) {
    const hit = page.words.find((w) => formNumbersIn(w.text).includes(layout.form));
    if (hit) {
      return {
        confidence: hit.confidence,
        where: { page: i + 1, x: hit.x0 / page.width, y: hit.y0 / page.height, width: (hit.x1 - hit.x0) / page.width, height: (hit.y1 - hit.y0) / page.height },
      };
    }
  }
  return { confidence: 0.9 };
};

/**
 * Reads scanned pages: recognises the form from the printed number and revision, lines each
 * page up with the layout, and reads every box: words inside a text box, ink inside a check box.
 */
export const readOcrPages = (pages: readonly OcrPage[], layouts: readonly FormLayout[]): E.Either<FormReadError, FormReading> => {
  const recognised = recogniseForm(
    pages.map((p) => p.text),
    layouts,
  );
  if (E.isLeft(recognised)) return recognised;
  const layout = recognised.right;
  const fields: ReadField[] = [];
  for (let p = 1; p <= Math.min(layout.pages, pages.length); p++) fields.push(...readPage(layout, p, pages[p - 1]!));
  const number = formNumberWhere(layout, pages);
  return E.right({
    form: layout.form,
    revision: layout.revision as FormReading['revision'],
    reader: 'ocr',
    pages: pages.length,
    fields: [formNumberField(layout, Math.max(number.confidence, 0.9), number.where), ...fields],
  });
};
