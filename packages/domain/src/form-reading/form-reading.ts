import * as t from 'io-ts';
import { FormNumber } from '../order/order-forms';
import { IsoDate } from '../value-objects/dates';
import { ReadableFieldId } from './readable-fields';

/**
 * A form reading: what a reader found on the image of a filled-in Judicial Council form. It
 * names the form it recognised (number and revision, from the form's own printed footer), and
 * for every box the form's layout knows, the value read, how sure the reader is, and where on
 * which page it was read. A reading is a suggestion: nothing in it reaches an order until the
 * clerk confirms it (prefill.ts, decide-reading.ts).
 */

/** Best first: a fillable PDF's own fields, then the PDF's text layer, then OCR of the pixels. */
export const ReaderKind = t.keyof({ 'pdf-form-fields': null, 'pdf-text': null, ocr: null }, 'ReaderKind');
export type ReaderKind = t.TypeOf<typeof ReaderKind>;

const Fraction = t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0 && n <= 1, 'a fraction of the page (0–1)');
const PageNumber = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 10_000, 'page number (from 1)');

/**
 * Where on the image a value was read: page (from 1) and a rectangle as fractions of the page's
 * width and height from its top-left corner, so a viewer at any zoom can highlight it.
 */
export const FormRegion = t.type({ page: PageNumber, x: Fraction, y: Fraction, width: Fraction, height: Fraction }, 'FormRegion');
export type FormRegion = t.TypeOf<typeof FormRegion>;

/** How sure a reader is of a value, 0–1. */
export const Confidence = t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0 && n <= 1, 'confidence (0–1)');

const Text = (name: string, max: number) => t.refinement(t.string, (s) => s.length <= max, `${name} (at most ${max} characters)`);

/** One box or check box of the form, as read. */
export const ReadField = t.intersection(
  [
    t.type({
      /** The layout's name for the box, e.g. "respondent.last". */
      key: Text('layout key', 80),
      fills: ReadableFieldId,
      /** The box's label as printed on the form. */
      label: Text('label', 200),
      /** Text for a box; true or false for a check box. */
      value: t.union([Text('value', 4000), t.boolean]),
      confidence: Confidence,
      where: FormRegion,
    }),
    /** The part of the order field this box holds ("last", "date", "yards"); default "value". */
    t.partial({ part: Text('part', 40) }),
  ],
  'ReadField',
);
export type ReadField = t.TypeOf<typeof ReadField>;

export const FormReading = t.type(
  {
    form: FormNumber,
    /** The form revision the layout is for, as the date printed on the form ("Rev. January 1, 2025" → 2025-01-01). */
    revision: IsoDate,
    reader: ReaderKind,
    pages: PageNumber,
    fields: t.refinement(t.array(ReadField), (a) => a.length <= 500, 'at most 500 fields'),
  },
  'FormReading',
);
export type FormReading = t.TypeOf<typeof FormReading>;
