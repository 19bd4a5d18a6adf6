import { describe, expect, it } from '@jest/globals';
import { doubleMetaphone } from './double-metaphone';
import { soundex } from './soundex';

/**
 * Expected keys are PostgreSQL 15 fuzzystrmatch output (`dmetaphone`, `dmetaphone_alt`), the
 * reference C implementation of Philips' algorithm, for names of California's mix.
 */
const POSTGRES_DMETAPHONE: readonly (readonly [string, string, string])[] = [
  ['CATHERINE', 'K0RN', 'KTRN'],
  ['SMITH', 'SM0', 'XMT'],
  ['SCHMIDT', 'XMT', 'SMT'],
  ['NGUYEN', 'NKN', 'NKN'],
  ['GONZALEZ', 'KNSL', 'KNSL'],
  ['XIONG', 'SNK', 'SNK'],
  ['KNIGHT', 'NT', 'NT'],
  ['TYMCZAK', 'TMSK', 'TMXK'],
  ['JOHNSON', 'JNSN', 'ANSN'],
  ['ZHANG', 'JNK', 'JNK'],
  ['TSAI', 'TS', 'TS'],
];

describe('doubleMetaphone', () => {
  it.each(POSTGRES_DMETAPHONE)('%s → %s / %s (as PostgreSQL dmetaphone)', (name, primary, alternate) => {
    expect(doubleMetaphone(name)).toEqual({ primary, alternate });
  });

  it('folds case and ignores punctuation', () => {
    expect(doubleMetaphone("o'connor")).toEqual(doubleMetaphone('OCONNOR'));
  });

  it('gives empty keys for a name without letters', () => {
    expect(doubleMetaphone("'-")).toEqual({ primary: '', alternate: '' });
  });
});

describe('soundex', () => {
  it.each([
    ['ROBERT', 'R163'],
    ['RUPERT', 'R163'],
    ['ASHCRAFT', 'A261'],
    ['TYMCZAK', 'T522'],
    ['PFISTER', 'P236'],
    ['HONEYMAN', 'H555'],
  ])('%s → %s (American Soundex, NARA rules)', (name, code) => {
    expect(soundex(name)).toBe(code);
  });

  it('is empty for a name without letters', () => {
    expect(soundex('')).toBe('');
  });
});
