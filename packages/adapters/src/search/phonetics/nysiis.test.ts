import { describe, expect, it } from '@jest/globals';
import { nysiis } from './nysiis';

/**
 * Taft (1970) as reproduced by Lynch and Arends (1977), Appendix B: the published examples of
 * the original algorithm, with its six-character key.
 */
const TAFT_EXAMPLES: readonly (readonly [string, string])[] = [
  ['MACINTOSH', 'MCANT'],
  ['KNUTH', 'NAT'],
  ['KOEHN', 'CAN'],
  ['PHILLIPSON', 'FALAPS'],
  ['PFEISTER', 'FASTAR'],
  ['SCHOENHOEFT', 'SANAFT'],
  ['MCKEE', 'MCY'],
  ['MACKIE', 'MCY'],
  ['HEITSCHMIDT', 'HATSNA'],
  ['BART', 'BAD'],
  ['HURD', 'HAD'],
  ['HUNT', 'HAD'],
  ['WESTERLUND', 'WASTAR'],
  ['CASSTEVENS', 'CASTAF'],
  ['VASQUEZ', 'VASG'],
  ['FRAZIER', 'FRASAR'],
  ['BOWMAN', 'BANAN'],
  ['MCKNIGHT', 'MCNAGT'],
  ['RICKERT', 'RACAD'],
  ['DEUTSCH', 'DAT'],
  ['WESTPHAL', 'WASTFA'],
  ['SHRIVER', 'SRAVAR'],
  ['KUHL', 'CAL'],
  ['RAWSON', 'RASAN'],
  ['JILES', 'JAL'],
  ['CARRAWAY', 'CARY'],
  ['YAMADA', 'YANAD'],
  ['CHRISTINA', 'CRASTA'],
  ['CHERYL', 'CARYL'],
  ['NEHEMIAH', 'NAHAN'],
  ['HENRY', 'HANRY'],
  ['NOAH', 'N'],
  ['MAHLON', 'MALAN'],
  ['ELIHU', 'ELAH'],
  ['JOHN', 'JAN'],
  ['PHILIP', 'FALAP'],
  ['ARCHIE', 'ARCY'],
  ['HIRAM', 'HARAN'],
  ['MALACHI', 'MALAC'],
  ['SHIRLEY', 'SARLY'],
  ['ANTHONY', 'ANTANY'],
  ['HYMAN', 'HYNAN'],
  ['TIMOTHY', 'TANATY'],
  ['EVE', 'EV'],
];

describe('nysiis', () => {
  it.each(TAFT_EXAMPLES)('%s → %s (Taft 1970)', (name, code) => {
    expect(nysiis(name)).toBe(code);
  });

  it('ignores case, punctuation and spaces', () => {
    expect(nysiis("o'Brien")).toBe(nysiis('OBRIEN'));
    expect(nysiis('Mac Intosh')).toBe('MCANT');
    expect(nysiis('Wikipedia')).toBe('WACAPA');
  });

  it('returns an empty key for a name without letters', () => {
    expect(nysiis('')).toBe('');
    expect(nysiis("-'")).toBe('');
  });

  it('keeps the first letter even when the closing rules would remove it', () => {
    expect(nysiis('A')).toBe('A');
    expect(nysiis('S')).toBe('S');
    expect(nysiis('AS')).toBe('A');
  });

  it('can return the untruncated key', () => {
    expect(nysiis('PHILLIPSON', 20)).toBe('FALAPSAN');
    expect(nysiis('WESTERLUND', 20)).toBe('WASTARLAD');
  });

  it('gives sound-alike spellings the same key', () => {
    expect(nysiis('JOHNSON')).toBe(nysiis('JONSON'));
    expect(nysiis('GONZALEZ')).toBe(nysiis('GONSALES'));
  });
});
