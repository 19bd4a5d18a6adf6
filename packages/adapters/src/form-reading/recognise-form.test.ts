import * as E from 'fp-ts/Either';
import { formLayouts } from './layouts';
import { formNumbersIn, recogniseForm, revisionIn } from './recognise-form';

describe('recognising the form from its own printed number', () => {
  const layouts = formLayouts();

  it('finds form numbers as printed, and as OCR misreads their digits', () => {
    expect(formNumbersIn('DV-130, Page 1 of 2 ... CH 130 ... EPO-OO1 ... CR–16O')).toEqual(['DV-130', 'CH-130', 'EPO-001', 'CR-160']);
  });

  it('reads the revision from the footer', () => {
    expect(revisionIn('Rev. January 1, 2025   DV-130, Page 1 of 2')).toBe('2025-01-01');
    expect(revisionIn('Rev January 1 2024')).toBe('2024-01-01');
    expect(revisionIn('Revised soon')).toBeUndefined();
  });

  it('takes the known number printed most often, and the layout of the revision printed', () => {
    const r = recogniseForm(['See also CH-130.', 'Rev. January 1, 2024 DV-130, Page 1 of 2', 'DV-130, Page 2 of 2'], layouts);
    expect(E.isRight(r) && [r.right.form, r.right.revision]).toEqual(['DV-130', '2024-01-01']);
  });

  it('falls back to the revision whose headings match when the footer date is unreadable', () => {
    const r = recogniseForm(['DV-130 Page 1 of 2 Rev. Jan?ary 1, 2O2S 4 Expiration Date If no date is written, the restraining order ends three years from the date of the hearing.'], layouts);
    expect(E.isRight(r) && r.right.revision).toBe('2025-01-01');
  });

  it('refuses a form it has no layout for, naming what is printed and what it reads', () => {
    expect(recogniseForm(['FL-300 Request for Order, Page 1 of 4'], layouts)).toEqual(
      E.left({ code: 'UNKNOWN_FORM', found: ['FL-300'], message: expect.stringContaining('the pages carry FL-300; forms with a layout: CH-130, CR-160, DV-110, DV-130, EPO-001') }),
    );
    expect(recogniseForm(['Dear Sir, please find enclosed'], layouts)).toEqual(E.left(expect.objectContaining({ code: 'UNKNOWN_FORM', found: [] })));
  });

  it('refuses a revision it has no layout for', () => {
    expect(recogniseForm(['Rev. July 1, 2016 DV-130, Page 1 of 7'], layouts)).toEqual(
      E.left(expect.objectContaining({ code: 'UNKNOWN_REVISION', form: 'DV-130', revision: '2016-07-01', known: ['2025-01-01', '2024-01-01'] })),
    );
  });
});
