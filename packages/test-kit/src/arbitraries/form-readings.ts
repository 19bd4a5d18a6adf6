import fc from 'fast-check';
import { READABLE_FIELDS, type FormReading, type FormRegion, type ReadField, type ReadableFieldId } from '@ccpor/domain';
import { formArb } from './order-details';
import { orderDateArb } from './value-objects';

const MONTHS = ['January', 'March', 'June', 'September', 'December'];

/** Text as a form holds it: mostly well-formed for the field, sometimes damaged as OCR damages it. */
const printedTextArb = (fills: ReadableFieldId, part: string): fc.Arbitrary<string> => {
  const wellFormed: fc.Arbitrary<string> = (() => {
    if (part === 'time') return fc.constantFrom('9:00 a.m.', '2:30 PM', '14:30', '08:15');
    if (part === 'date' || fills.endsWith('dateOfBirth'))
      return fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1930, max: 2030 }), fc.boolean()).map(([m, d, y, words]) =>
        words ? `${MONTHS[m % MONTHS.length]} ${d}, ${y}` : `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`,
      );
    if (part === 'last' || part === 'first' || part === 'middle') return fc.constantFrom('GARCIA', 'Nguyen', "O'Brien", 'Smith-Jones', 'Lee', 'María');
    if (part === 'full') return fc.constantFrom('GARCIA, MARIA ELENA', 'John Q Public', 'Lee, Ann');
    if (part === 'yards' || part === 'hours') return fc.constantFrom('100', '50 yards', '24', '300');
    if (fills === 'caseNumber') return fc.constantFrom('24FL001234', 'CR-2024-0001', 'CH 25-0042');
    if (fills === 'form') return fc.constantFrom('DV-130', 'DV130', 'CH-130', 'EPO-001', 'XX-999');
    if (fills.endsWith('.sex')) return fc.constantFrom('M', 'F', 'Female', 'male');
    if (fills.endsWith('.height')) return fc.constantFrom(`5'10"`, '6 ft 1 in', '507', '72');
    if (fills.endsWith('.weight')) return fc.constantFrom('180', '95 lbs');
    if (fills.endsWith('.eyes')) return fc.constantFrom('Brown', 'BLU', 'hazel');
    if (fills.endsWith('.hair')) return fc.constantFrom('Black', 'blonde', 'GRY');
    if (fills.endsWith('.race')) return fc.constantFrom('W', 'Hispanic', 'Asian');
    return fc.string({ minLength: 1, maxLength: 30 });
  })();
  return fc.oneof({ weight: 4, arbitrary: wellFormed }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.constant('') });
};

const regionArb: fc.Arbitrary<FormRegion> = fc
  .record({ page: fc.integer({ min: 1, max: 3 }), x: fc.double({ min: 0, max: 0.8, noNaN: true }), y: fc.double({ min: 0, max: 0.9, noNaN: true }) })
  .map((r) => ({ ...r, width: 0.2, height: 0.05 }));

const CHECK_PARTS = new Set(['value']);

/** One read box for the field: a check box's parts are true/false, a text box's parts text. */
const readFieldArb = (fills: ReadableFieldId): fc.Arbitrary<ReadField[]> => {
  const f = READABLE_FIELDS.find((r) => r.id === fills)!;
  const isCheckBox = f.absent === 'not-ordered';
  return fc.subarray([...f.parts], { minLength: 1 }).chain((parts) =>
    fc.tuple(
      ...parts.map((part) =>
        fc.record({
          key: fc.constant(`${fills}.${part}`),
          fills: fc.constant(fills),
          part: fc.constant(part),
          label: fc.constant(`${f.label} (${part})`),
          value: isCheckBox && (CHECK_PARTS.has(part) || part.startsWith('place-')) ? (fc.boolean() as fc.Arbitrary<string | boolean>) : printedTextArb(fills, part),
          confidence: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
          where: regionArb,
        }),
      ),
    ),
  );
};

/** A codec-valid reading of any form: any subset of the readable fields, values well-formed or damaged, any confidence. */
export const formReadingArb: fc.Arbitrary<FormReading> = fc
  .record({
    form: formArb,
    revision: orderDateArb('2010-01-01', '2030-12-31') as unknown as fc.Arbitrary<FormReading['revision']>,
    reader: fc.constantFrom('pdf-form-fields' as const, 'pdf-text' as const, 'ocr' as const),
    pages: fc.integer({ min: 1, max: 3 }),
    fills: fc.subarray(READABLE_FIELDS.map((f) => f.id), { maxLength: 14 }),
  })
  .chain(({ fills, ...head }) =>
    (fills.length === 0 ? fc.constant([] as ReadField[][]) : fc.tuple(...fills.map(readFieldArb))).map((groups) => ({ ...head, fields: groups.flat() })),
  );
