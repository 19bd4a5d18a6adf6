import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { defaultDictionary } from './default-dictionary';
import { type Dictionary } from './dictionary-codec';
import { type DictionaryError } from './dictionary-error';
import { loadDictionary } from './load-dictionary';

const copy = (): Dictionary => JSON.parse(JSON.stringify(defaultDictionary)) as Dictionary;

const errorsOf = (input: unknown): DictionaryError[] => {
  const result = loadDictionary(input);
  return E.isLeft(result) ? result.left : [];
};

describe('loadDictionary', () => {
  it('accepts the default dictionary, and its JSON text loads to an equal dictionary', () => {
    expect(loadDictionary(defaultDictionary)).toEqual(E.right(defaultDictionary));
    const json = JSON.parse(JSON.stringify(defaultDictionary)) as unknown;
    expect(loadDictionary(json)).toEqual(E.right(defaultDictionary));
  });

  it('names the path and the expectation of a wrongly typed entry', () => {
    const doc = copy() as unknown as { fields: { NAM: { maxLength: unknown } } };
    doc.fields.NAM.maxLength = 'thirty';
    expect(errorsOf(doc)).toEqual([{ path: 'fields.NAM.maxLength', message: 'expected number, got the string "thirty"' }]);
  });

  it('reports a missing entry as missing', () => {
    const doc = copy() as unknown as Record<string, unknown>;
    delete doc.version;
    expect(errorsOf(doc)).toEqual([{ path: 'version', message: 'missing; expected string' }]);
  });

  it('refuses an unknown field type and an unknown presence with the allowed values', () => {
    const doc = copy() as unknown as { fields: { SEX: { type: string } }; messages: { EPO: { fields: { presence: string }[] } } };
    doc.fields.SEX.type = 'boolean';
    const first = doc.messages.EPO.fields[0];
    if (first !== undefined) first.presence = 'sometimes';
    const errors = errorsOf(doc);
    expect(errors.map((e) => e.path)).toEqual(['fields.SEX.type', 'messages.EPO.fields.0.presence']);
    expect(errors[0]?.message).toContain('"alpha"');
    expect(errors[1]?.message).toContain('"required" | "optional" | "forbidden"');
  });

  it('refuses a document of another format', () => {
    const doc = { ...copy(), format: 'something-else/2' };
    expect(errorsOf(doc)).toEqual([{ path: 'format', message: 'expected "ccpor-carpos-dictionary/1", got the string "something-else/2"' }]);
  });

  it('checks cross-references: code tables, field codes in messages, groups and the envelope', () => {
    const doc = copy();
    doc.fields.SEX = { ...defaultDictionary.fields.SEX!, table: 'GENDER' };
    doc.messages.QPO = { ...defaultDictionary.messages.QPO!, fields: [...defaultDictionary.messages.QPO!.fields, { code: 'ZZZ', presence: 'optional' }], atLeastOneOf: [['NAM', 'SDT']] };
    doc.envelope = { oriField: 'AGENCY' };
    expect(errorsOf(doc)).toEqual([
      { path: 'fields.SEX.table', message: 'no code table "GENDER"' },
      { path: 'envelope.oriField', message: 'no field definition for AGENCY' },
      { path: 'messages.QPO.fields.10.code', message: 'no field definition for ZZZ' },
      { path: 'messages.QPO.atLeastOneOf.0.1', message: 'field SDT is not allowed in this message' },
    ]);
  });

  it('checks lengths against types, masks and code tables', () => {
    const doc = copy();
    doc.fields.DOB = { ...defaultDictionary.fields.DOB!, maxLength: 10 };
    doc.fields.NIC = { ...defaultDictionary.fields.NIC!, mask: 'A99999999' };
    doc.fields.EYE = { ...defaultDictionary.fields.EYE!, minLength: 4, maxLength: 4 };
    doc.fields.MIS = { ...defaultDictionary.fields.MIS!, minLength: 0, maxRepeats: 1.5 };
    const paths = errorsOf(doc).map((e) => `${e.path}: ${e.message}`);
    expect(paths).toContain('fields.DOB: a date field has minLength and maxLength 8');
    expect(paths).toContain('fields.NIC.mask: minLength and maxLength must equal the mask length');
    expect(paths).toContain('codeTables.EYE.values.0.code: "BLK" does not fit the length of field EYE');
    expect(paths).toContain('fields.MIS.minLength: must be a whole number from 1 to 10000');
    expect(paths).toContain('fields.MIS.maxRepeats: must be a whole number from 1 to 999');
  });

  it('keeps reserved characters out of codes, literals and masks, and syntax characters distinct', () => {
    const doc = copy();
    doc.syntax = { ...doc.syntax, repeatSeparator: '/' };
    doc.codeTables.YES_NO = { ...doc.codeTables.YES_NO!, values: [{ code: 'Y.', meaning: 'YES' }, { code: 'N', meaning: 'NO' }, { code: 'N', meaning: 'NO AGAIN' }] };
    doc.fields.EXP = { ...doc.fields.EXP!, literals: ['NON/EXP'] };
    const errors = errorsOf(doc).map((e) => `${e.path}: ${e.message}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        'syntax: terminator, separator, repeatSeparator and escape must all differ',
        'codeTables.YES_NO.values.0.code: a code may not contain the reserved character "."',
        'codeTables.YES_NO.values.2.code: duplicate code "N"',
        'fields.EXP.literals.0: a literal may not contain the reserved character "/"',
      ]),
    );
  });

  it('refuses message keys and field codes that could not be written in a message', () => {
    const doc = copy();
    doc.messages['E.PO'] = doc.messages.EPO!;
    doc.fields['na m'] = doc.fields.NAM!;
    expect(errorsOf(doc).map((e) => e.path)).toEqual(expect.arrayContaining(['messages.E.PO', 'fields.na m']));
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withMap: true, withSet: true }), (input) => {
        const result = loadDictionary(input);
        expect(E.isLeft(result)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on damaged copies of the default dictionary', () => {
    const paths = (value: unknown, prefix: string[] = []): string[][] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
        : [];
    const all = paths(defaultDictionary);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.anything({ withBigInt: true }), (path, replacement) => {
        const doc = copy() as unknown as Record<string, unknown>;
        let target: Record<string, unknown> = doc;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[path[path.length - 1] ?? ''] = replacement;
        const result = loadDictionary(doc);
        // A replacement can happen to be valid (a note, another boolean): then the document is returned as is.
        if (E.isRight(result)) expect(result.right).toBe(doc);
        else {
          expect(result.left.length).toBeGreaterThan(0);
          for (const error of result.left) expect(typeof error.path === 'string' && error.message.length > 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
