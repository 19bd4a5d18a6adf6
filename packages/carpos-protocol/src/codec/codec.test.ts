import * as E from 'fp-ts/Either';
import { defaultDictionary } from '../dictionary/default-dictionary';
import { type Dictionary } from '../dictionary/dictionary-codec';
import { type Message } from '../model/message';
import { type DecodeError, type EncodeError } from '../model/protocol-error';
import { sampleEntry, withField, without } from '../__tests__/sample-messages';
import { createCodec, createCodecFromJson, decode, encode } from './codec';

const encodeErrors = (message: Message): EncodeError[] => {
  const result = encode(message);
  return E.isLeft(result) ? result.left : [];
};
const decodeErrors = (text: string, layout: 'keyword' | 'positional' = 'keyword'): DecodeError[] => {
  const result = decode(text, defaultDictionary, { layout });
  return E.isLeft(result) ? result.left : [];
};
const brief = (errors: readonly { reason: string; field?: string }[]) => errors.map((e) => `${e.field ?? '-'}:${e.reason}`);

const SAMPLE_KEYWORD =
  'EPO.CA0190000.NAM/DOE,JOHN Q.SEX/M.RAC/W.DOB/19800115.HGT/510.WGT/180.HAI/BRO.OCA/24DV00123.PNO/24FL000123.' +
  'CTI/CA019015J.ISD/20250301.EXP/20280301.PCO/01.PCO/04.PCO/07.PPN/DOE,JANE.MIS/STAY 100 YDS AWAY\\. NO CONTACT W\\/ CHILD.';
const SAMPLE_POSITIONAL =
  'EPO.CA0190000.DOE,JOHN Q.M.W..19800115.510.180..BRO....24DV00123.24FL000123.CA019015J.20250301.20280301..01;04;07.DOE,JANE' +
  '.........STAY 100 YDS AWAY\\. NO CONTACT W\\/ CHILD.';

describe('encode', () => {
  it('writes the keyword layout, escaping reserved characters in free text', () => {
    expect(encode(sampleEntry)).toEqual(E.right(SAMPLE_KEYWORD));
  });

  it('writes the positional layout with empty slots for absent fields', () => {
    expect(encode(sampleEntry, defaultDictionary, { layout: 'positional' })).toEqual(E.right(SAMPLE_POSITIONAL));
  });

  it('lists every missing required field', () => {
    expect(brief(encodeErrors(without(sampleEntry, 'SEX', 'PPN')))).toEqual(['SEX:missing-required-field', 'PPN:missing-required-field']);
  });

  it('refuses a field the message forbids and a field the dictionary lacks', () => {
    const message = withField(withField(sampleEntry, 'FCN', '2320000000001'), 'ZZZ', 'X');
    expect(brief(encodeErrors(message))).toEqual(['FCN:forbidden-field', 'ZZZ:unknown-field']);
  });

  it('refuses a field that the dictionary knows but the message does not list', () => {
    const query: Message = { key: 'QPO', ori: 'CA0190000', fields: [{ code: 'NAM', values: ['DOE,JOHN'] }, { code: 'DOB', values: ['19800115'] }, { code: 'MIS', values: ['WHY'] }] };
    expect(brief(encodeErrors(query))).toEqual(['MIS:forbidden-field']);
  });

  it('names the value in error when a field repeats', () => {
    expect(encodeErrors(withField(sampleEntry, 'PCO', '01', '10'))).toEqual([
      { reason: 'not-in-code-table', field: 'PCO', valueIndex: 1, offset: 0, message: 'PCO (value 2): "10" is not in code table PCO' },
    ]);
  });

  it('enforces repeat limits', () => {
    const tooMany = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '01'];
    expect(encodeErrors(withField(sampleEntry, 'PCO', ...tooMany))).toEqual([
      expect.objectContaining({ reason: 'too-many-repeats', field: 'PCO', valueIndex: 9 }),
    ]);
    expect(brief(encodeErrors(withField(sampleEntry, 'NAM', 'DOE,JOHN', 'DOE,JON')))).toEqual(['NAM:too-many-repeats']);
    expect(brief(encodeErrors(withField(sampleEntry, 'NAM')))).toEqual(['NAM:no-values']);
  });

  it('refuses the same field twice', () => {
    const message = { ...sampleEntry, fields: [...sampleEntry.fields, { code: 'SEX', values: ['F'] }] };
    expect(brief(encodeErrors(message))).toEqual(['SEX:duplicate-field']);
  });

  it('checks groups: all-or-none service data and at-least-one record identifier', () => {
    expect(brief(encodeErrors(withField(sampleEntry, 'SDT', '20250302')))).toEqual(['STM:incomplete-group']);
    const cancel: Message = { key: 'XPO', ori: 'CA0190000', fields: [{ code: 'OCA', values: ['24DV00123'] }] };
    expect(brief(encodeErrors(cancel))).toEqual(['FCN:missing-one-of']);
  });

  it('checks the ORI and the key', () => {
    expect(encodeErrors({ ...sampleEntry, ori: 'CA019' })).toEqual([expect.objectContaining({ field: 'ORI', reason: 'too-short' })]);
    expect(encodeErrors({ ...sampleEntry, key: 'XYZ' })).toEqual([expect.objectContaining({ field: 'MKE', reason: 'unknown-message-key' })]);
  });

  it('returns errors for malformed input from untyped callers instead of throwing', () => {
    const bad: unknown[] = [null, 42, { key: 'EPO' }, { key: 'EPO', ori: 'CA0190000', fields: {} }, { key: 'EPO', ori: 'CA0190000', fields: [null] }, { key: 'EPO', ori: 'CA0190000', fields: [{ code: 'NAM', values: [1] }] }];
    for (const input of bad) {
      const result = encode(input as Message);
      expect(E.isLeft(result) && result.left[0]?.reason).toBe('invalid-input');
    }
  });
});

describe('decode', () => {
  it('reads both layouts back to the message', () => {
    expect(decode(SAMPLE_KEYWORD)).toEqual(E.right(sampleEntry));
    expect(decode(SAMPLE_POSITIONAL, defaultDictionary, { layout: 'positional' })).toEqual(E.right(sampleEntry));
  });

  it('accepts trailing empty positional slots', () => {
    const query = 'QPO.CA0190000.DOE,JOHN.19800115.....';
    expect(decode(query, defaultDictionary, { layout: 'positional' })).toEqual(
      E.right({ key: 'QPO', ori: 'CA0190000', fields: [{ code: 'NAM', values: ['DOE,JOHN'] }, { code: 'DOB', values: ['19800115'] }] }),
    );
  });

  it('groups repeated keyword fields even when they are not adjacent', () => {
    const result = decode('QPO.CA0190000.NAM/DOE,JOHN.SEX/M.DOB/19800115.NAM/DOE,JON.');
    expect(E.isLeft(result) && brief(result.left)).toEqual(['NAM:too-many-repeats']);
  });

  it('gives the position of each structural problem', () => {
    expect(decodeErrors('')).toEqual([expect.objectContaining({ reason: 'empty-message', position: 0 })]);
    expect(decodeErrors('QPO')).toEqual([expect.objectContaining({ reason: 'missing-terminator', position: 3, field: 'MKE' }), expect.objectContaining({ reason: 'missing-terminator', field: 'ORI' })]);
    expect(decodeErrors('QPO.CA0190000.NAM/DOE,JOHN')).toEqual([expect.objectContaining({ reason: 'missing-terminator', position: 26, field: 'NAM' })]);
    expect(decodeErrors('QPO.CA0190000.NAM.')).toEqual([expect.objectContaining({ reason: 'missing-separator', position: 17, field: 'NAM' })]);
    expect(decodeErrors('QPO.CA0190000.na/X.')).toEqual([expect.objectContaining({ reason: 'bad-field-code', position: 14 })]);
    expect(decodeErrors('QPO.CA0190000./X.')).toEqual([expect.objectContaining({ reason: 'bad-field-code', position: 14 })]);
    expect(decodeErrors('XPO.CA0190000.FCN/2320000000001.MIS/A\\B.')).toEqual([expect.objectContaining({ reason: 'bad-escape', position: 37, field: 'MIS' })]);
    expect(decodeErrors('XPO.CA0190000.FCN/2320000000001.MIS/A\\')).toEqual([
      expect.objectContaining({ reason: 'bad-escape', position: 37 }),
      expect.objectContaining({ reason: 'missing-terminator', position: 38 }),
    ]);
    expect(decodeErrors('XPO.CA0190000.FCN/2320000000001.MIS/W/ CHILD.')).toEqual([expect.objectContaining({ reason: 'unescaped-reserved-character', position: 37, field: 'MIS' })]);
  });

  it('refuses more positional slots than the message has', () => {
    const text = 'XPO.CA0190000.2320000000001....X.';
    expect(decodeErrors(text, 'positional')).toEqual([expect.objectContaining({ reason: 'too-many-positions', position: 31 })]);
  });

  it('reports an unknown key alone, at position 0', () => {
    expect(decodeErrors('ZZZ.CA0190000.NAM/DOE,JOHN.')).toEqual([expect.objectContaining({ reason: 'unknown-message-key', position: 0, field: 'MKE' })]);
    expect(decodeErrors('ZZZ.CA0190000.X.', 'positional')).toEqual([expect.objectContaining({ reason: 'unknown-message-key', position: 0 })]);
  });

  it('points at the offending character, counting escapes', () => {
    // The tab sits after two escaped characters inside MIS.
    const text = 'XPO.CA0190000.FCN/2320000000001.MIS/A\\.B\\/C\tD.';
    expect(decodeErrors(text)).toEqual([expect.objectContaining({ reason: 'bad-character', field: 'MIS', position: text.indexOf('\t') })]);
  });

  it('points at the field for dictionary problems and at the end for missing fields', () => {
    const text = 'EPO.CA0190000.NAM/DOE,JOHN.SEX/Q.FCN/2320000000001.';
    const errors = decodeErrors(text);
    expect(errors[0]).toEqual(expect.objectContaining({ field: 'SEX', reason: 'not-in-code-table', position: 31 }));
    expect(errors[1]).toEqual(expect.objectContaining({ field: 'FCN', reason: 'forbidden-field', position: 33 }));
    expect(errors.slice(2).every((e) => e.reason === 'missing-required-field' && e.position === text.length)).toBe(true);
    expect(decodeErrors('QPO.CA019-000.NAM/DOE,JOHN.DOB/19800115.')).toEqual([expect.objectContaining({ field: 'ORI', reason: 'mask-mismatch', position: 9 })]);
  });

  it('returns an error for a non-string from untyped callers', () => {
    expect(decodeErrors(undefined as unknown as string)).toEqual([expect.objectContaining({ reason: 'invalid-input' })]);
  });
});

describe('a replacement dictionary', () => {
  // What a DOJ specification could change: keys, lengths, the date order, even the syntax characters.
  const dojLike = (): unknown => {
    const doc = JSON.parse(JSON.stringify(defaultDictionary)) as Dictionary;
    const { EPO, ...others } = doc.messages;
    return {
      ...doc,
      id: 'ca-doj-carpos',
      version: '2026.1',
      dateFormat: 'MMDDCCYY',
      syntax: { ...doc.syntax, terminator: '*', separator: '=' },
      fields: { ...doc.fields, NAM: { ...doc.fields.NAM, maxLength: 40 } },
      messages: { ...others, EN: EPO },
    };
  };

  it('is used without code changes through the codec factory', () => {
    const loaded = createCodecFromJson(dojLike());
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    const codec = loaded.right;
    const message: Message = {
      ...sampleEntry,
      key: 'EN',
      fields: sampleEntry.fields.map((field) =>
        field.code === 'NAM' ? { code: 'NAM', values: ['WOLFESCHLEGELSTEINHAUSEN,HUBERT B'] } : ['DOB', 'ISD', 'EXP'].includes(field.code) ? { code: field.code, values: [(field.values[0] ?? '').replace(/^(\d{4})(\d{4})$/, '$2$1')] } : field,
      ),
    };
    const text = codec.encode(message);
    expect(E.isRight(text) && text.right.startsWith('EN*CA0190000*NAM=WOLFESCHLEGELSTEINHAUSEN,HUBERT B*SEX=M*')).toBe(true);
    expect(E.isRight(text) && text.right).toContain('MIS=STAY 100 YDS AWAY. NO CONTACT W/ CHILD*');
    expect(E.chainW((t: string) => codec.decode(t))(text)).toEqual(E.right(message));
    // The default codec knows nothing of EN.
    expect(E.isLeft(encode(message))).toBe(true);
    expect(codec.validate({ ...message, key: 'EPO' })).toEqual([expect.objectContaining({ reason: 'unknown-message-key' })]);
  });

  it('is refused with reasons when it is not a valid dictionary', () => {
    const loaded = createCodecFromJson({ ...(dojLike() as object), syntax: { terminator: '*', separator: '*', repeatSeparator: ';', escape: '\\', verified: false, source: 'x' } });
    expect(E.isLeft(loaded) && loaded.left).toEqual([{ path: 'syntax', message: 'terminator, separator, repeatSeparator and escape must all differ' }]);
  });

  it('compiles once per dictionary object', () => {
    const codec = createCodec(defaultDictionary);
    expect(codec.encode(sampleEntry)).toEqual(encode(sampleEntry));
  });
});
