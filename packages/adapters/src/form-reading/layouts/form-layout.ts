import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { decodeWith, FormNumber, IsoDate, READABLE_FIELDS, ReadableFieldId } from '@ccpor/domain';

/**
 * A form layout: one revision of one Judicial Council form, as data. It names each box and
 * check box of the form: where it is (PDF points from the page's top-left corner), the label
 * printed beside it, the order field (and part of it) it fills, and the name of the fillable
 * PDF's own field for it. Readers find values by these regions; the sample-form renderer draws
 * forms from them. Adding a form or a revision is adding a file (README, "Reading forms").
 */
const Points = t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0 && n <= 5000, 'points (0–5000)');
const Positive = t.refinement(t.number, (n) => Number.isFinite(n) && n > 0 && n <= 5000, 'points (> 0)');

export const LayoutBox = t.type({ x: Points, y: Points, width: Positive, height: Positive }, 'LayoutBox');
export type LayoutBox = t.TypeOf<typeof LayoutBox>;

export const LayoutField = t.intersection(
  [
    t.type({
      key: t.string,
      label: t.string,
      fills: ReadableFieldId,
      kind: t.keyof({ text: null, checkbox: null }),
      page: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, 'page (from 1)'),
      box: LayoutBox,
    }),
    /** Where the box's label is printed (its left end and baseline, and its size): drawn by the sample renderer, and a landmark for lining up scans. */
    t.partial({ part: t.string, acroField: t.string, labelAt: t.type({ x: Points, y: Points, size: Positive }) }),
  ],
  'LayoutField',
);
export type LayoutField = t.TypeOf<typeof LayoutField>;

export const LayoutText = t.intersection(
  [t.type({ page: t.number, x: Points, y: Points, size: Positive, text: t.string }), t.partial({ bold: t.boolean })],
  'LayoutText',
);
export type LayoutText = t.TypeOf<typeof LayoutText>;

export const FormLayout = t.intersection(
  [
    t.type({
      form: FormNumber,
      revision: IsoDate,
      /** The revision as printed in the form's footer, e.g. "Rev. January 1, 2025". */
      revisionText: t.string,
      title: t.string,
      pageSize: t.type({ width: Positive, height: Positive }),
      pages: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 50, 'pages (1–50)'),
      /** Printed text that is not a box's label (item headings, notices): drawn by the sample renderer. */
      text: t.array(LayoutText),
      fields: t.array(LayoutField),
    }),
    t.partial({ note: t.string }),
  ],
  'FormLayout',
);
export type FormLayout = t.TypeOf<typeof FormLayout>;

/**
 * Checks a layout beyond its codec: keys unique, boxes on the layout's pages and inside them,
 * and every part one its order field has.
 */
export const checkLayout = (input: unknown, file: string): E.Either<string, FormLayout> => {
  const decoded = decodeWith(FormLayout)(input);
  if (E.isLeft(decoded)) return E.left(`${file}: ${decoded.left.message}`);
  const layout = decoded.right;
  const keys = new Set<string>();
  for (const f of layout.fields) {
    if (keys.has(f.key)) return E.left(`${file}: the key "${f.key}" is used twice`);
    keys.add(f.key);
    if (f.page > layout.pages) return E.left(`${file}: "${f.key}" is on page ${f.page} of a ${layout.pages}-page form`);
    if (f.box.x + f.box.width > layout.pageSize.width || f.box.y + f.box.height > layout.pageSize.height) return E.left(`${file}: "${f.key}" lies outside the page`);
    const parts = READABLE_FIELDS.find((r) => r.id === f.fills)!.parts;
    if (!parts.includes(f.part ?? 'value')) return E.left(`${file}: "${f.key}" fills part "${f.part ?? 'value'}" of ${f.fills}, which has the parts ${parts.join(', ')}`);
  }
  return E.right(layout);
};
