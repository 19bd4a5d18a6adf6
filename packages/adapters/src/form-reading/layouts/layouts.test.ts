import * as E from 'fp-ts/Either';
import { FORM_NUMBERS } from '@ccpor/domain';
import { SUPPORTED_FORMS } from '../__tests__/sample-corpus';
import { checkLayout, formLayouts } from '.';

describe('form layouts', () => {
  it('has a checked layout for every supported form, each a known form with unique keys', () => {
    const layouts = formLayouts();
    for (const form of SUPPORTED_FORMS) expect(layouts.some((l) => l.form === form)).toBe(true);
    for (const l of layouts) {
      expect(FORM_NUMBERS).toContain(l.form);
      expect(new Set(l.fields.map((f) => f.key)).size).toBe(l.fields.length);
      expect(l.fields.some((f) => f.fills === 'caseNumber')).toBe(true);
      expect(l.fields.some((f) => f.fills === 'restrainedPerson.name')).toBe(true);
      expect(l.fields.some((f) => f.kind === 'checkbox')).toBe(true);
    }
  });

  it('keeps two revisions of one form apart', () => {
    const dv130 = formLayouts().filter((l) => l.form === 'DV-130').map((l) => l.revision);
    expect(dv130.sort()).toEqual(['2024-01-01', '2025-01-01']);
  });

  it('refuses a layout whose box fills a part its field does not have, or repeats a key', () => {
    const base = formLayouts()[0]!;
    const wrongPart = { ...base, fields: [{ ...base.fields[0]!, fills: 'caseNumber', part: 'last' }] };
    expect(checkLayout(wrongPart, 'x.json')).toEqual(E.left(expect.stringContaining('fills part "last" of caseNumber')));
    const twice = { ...base, fields: [base.fields[0]!, base.fields[0]!] };
    expect(checkLayout(twice, 'x.json')).toEqual(E.left(expect.stringContaining('used twice')));
    const offPage = { ...base, fields: [{ ...base.fields[0]!, page: base.pages + 1 }] };
    expect(checkLayout(offPage, 'x.json')).toEqual(E.left(expect.stringContaining(`of a ${base.pages}-page form`)));
    const unknownField = { ...base, fields: [{ ...base.fields[0]!, fills: 'restrainedPerson.shoeSize' }] };
    expect(E.isLeft(checkLayout(unknownField, 'x.json'))).toBe(true);
  });
});
