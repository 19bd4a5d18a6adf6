import { defaultDictionary } from '../dictionary/default-dictionary';
import { checkValue } from './check-value';
import { compileDictionary } from './compiled-dictionary';

const compiled = compileDictionary(defaultDictionary);
const check = (code: string, value: string) => {
  const field = compiled.fields.get(code);
  if (field === undefined) throw new Error(`no field ${code}`);
  return checkValue(field, value, compiled.dateFormat);
};
const reasonOf = (code: string, value: string) => check(code, value)?.reason;

describe('checkValue', () => {
  it.each([
    ['DOB', '19800115'],
    ['DOB', '20000229'],
    ['DOB', '00010101'],
    ['STM', '0000'],
    ['STM', '2359'],
    ['HGT', '100'],
    ['HGT', '511'],
    ['WGT', '095'],
    ['NAM', 'DOE,JOHN'],
    ['NAM', 'DE LA CRUZ,MARIA ELENA'],
    ['NAM', 'SMITH-JONES,ANN'],
    ['NAM', 'CHER,'],
    ['SEX', 'U'],
    ['PCO', '09'],
    ['OLS', 'NB'],
    ['NIC', 'H123456789'],
    ['ORI', 'CA0190000'],
    ['FCN', '2320000000001'],
    ['EXP', 'NONEXP'],
    ['EXP', '20991231'],
    ['MIS', 'STAY 100 YARDS AWAY. NO CONTACT W/ PETITIONER; SEE ORDER \\ X'],
    ['OCA', 'A1'],
  ])('accepts %s %p', (code, value) => {
    expect(check(code, value)).toBeUndefined();
  });

  it.each([
    ['DOB', '19000229', 'invalid-date', 6],
    ['DOB', '20231301', 'invalid-date', 4],
    ['DOB', '20230100', 'invalid-date', 6],
    ['DOB', '00000101', 'invalid-date', 0],
    ['DOB', '2023011A', 'bad-character', 7],
    ['DOB', '2023011', 'too-short', 7],
    ['STM', '2400', 'invalid-time', 0],
    ['STM', '1260', 'invalid-time', 2],
    ['HGT', '512', 'invalid-height', 1],
    ['HGT', '059', 'invalid-height', 0],
    ['WGT', '95', 'too-short', 2],
    ['WGT', '1000', 'too-long', 3],
    ['NAM', 'DOE JOHN', 'invalid-name', 8],
    ['NAM', ',JOHN', 'invalid-name', 0],
    ['NAM', 'DOE,JOHN,X', 'invalid-name', 8],
    ['NAM', 'DOE, JOHN', 'invalid-name', 3],
    ['NAM', 'DOE,JOHN  Q', 'invalid-name', 8],
    ['NAM', 'DOE,JOHN ', 'invalid-name', 8],
    ['NAM', "O'BRIEN,PAT", 'bad-character', 1],
    ['NAM', 'doe,john', 'bad-character', 0],
    ['SEX', 'X', 'not-in-code-table', 0],
    ['PCO', '10', 'not-in-code-table', 0],
    ['OLS', 'NE', 'not-in-code-table', 0],
    ['NIC', '1123456789', 'mask-mismatch', 0],
    ['NIC', 'H12345678X', 'mask-mismatch', 9],
    ['ORI', 'C10190000', 'mask-mismatch', 1],
    ['FCN', '232000000000A', 'bad-character', 12],
    ['OCA', 'A-1', 'bad-character', 1],
    ['MIS', 'TAB\tHERE', 'bad-character', 3],
    ['MIS', 'é', 'bad-character', 0],
    ['MIS', '', 'too-short', 0],
    ['MIS', 'X'.repeat(501), 'too-long', 500],
    ['EXP', 'NONEXPX', 'too-short', 7],
  ])('refuses %s %p: %s at %d', (code, value, reason, offset) => {
    expect(check(code, value)).toEqual(expect.objectContaining({ reason, offset }));
  });

  it('reads dates in the order the dictionary gives', () => {
    const mmdd = compileDictionary({ ...defaultDictionary, dateFormat: 'MMDDCCYY' });
    const dob = mmdd.fields.get('DOB');
    if (dob === undefined) throw new Error('no DOB');
    expect(checkValue(dob, '02292000', 'MMDDCCYY')).toBeUndefined();
    expect(reasonOf('DOB', '02292000')).toBe('invalid-date');
    expect(checkValue(dob, '02292001', 'MMDDCCYY')).toEqual(expect.objectContaining({ reason: 'invalid-date', offset: 2 }));
  });
});
