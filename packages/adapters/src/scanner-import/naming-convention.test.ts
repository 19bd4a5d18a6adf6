import { describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/Either';
import { compileConvention, DEFAULT_NAMING_CONVENTION, type ConventionMatcher } from './naming-convention';

const compile = (pattern: string): ConventionMatcher => {
  const m = compileConvention(pattern);
  if (isLeft(m)) throw new Error(m.left);
  return m.right;
};

describe('naming conventions', () => {
  it('reads the default Kofax-style name: court ORI, case, form, date', () => {
    const match = compile(DEFAULT_NAMING_CONVENTION);
    expect(match('CA019015J_26FL001234_DV-130_20260302.pdf')).toEqual({
      courtOri: 'CA019015J',
      caseNumber: '26FL001234',
      formNumber: 'DV-130',
      date: '2026-03-02',
    });
    expect(match('ca019015j_26fl001234_dv130_20260302.PDF')).toMatchObject({ courtOri: 'CA019015J', caseNumber: '26FL001234', formNumber: 'DV-130' });
  });

  it('refuses names that do not fit, including impossible dates', () => {
    const match = compile(DEFAULT_NAMING_CONVENTION);
    expect(match('scan0001.pdf')).toBeUndefined();
    expect(match('CA019015J_26FL001234_DV-130_20260302.tif')).toBeUndefined();
    expect(match('CA019015J_26FL001234_DV-130_20260231.pdf')).toBeUndefined();
  });

  it('takes other orders, separators, date layouts and any image extension', () => {
    expect(compile('<formNumber> <caseNumber> <yyyy-mm-dd>.<ext>')('CH-130 CR-2024-0001 2024-05-06.tiff')).toEqual({
      caseNumber: 'CR-2024-0001',
      formNumber: 'CH-130',
      date: '2024-05-06',
    });
    expect(compile('<caseNumber>-<formNumber>-<mmddyyyy>.<ext>')('24FL000777-EA-130-12312025.tif')).toEqual({
      caseNumber: '24FL000777',
      formNumber: 'EA-130',
      date: '2025-12-31',
    });
    expect(compile('batch<any>_<courtORI>_<caseNumber>_<formNumber>.pdf')('batch0042_CA030015J_26CV9_CR-160.pdf')).toEqual({
      courtOri: 'CA030015J',
      caseNumber: '26CV9',
      formNumber: 'CR-160',
    });
  });

  it('refuses conventions it cannot use, saying why', () => {
    expect(isRight(compileConvention('<caseNumber>.pdf'))).toBe(false);
    expect(compileConvention('<caseNumber>_<formNumber>_<julian>.pdf')).toMatchObject({ left: expect.stringContaining('<julian>') });
    expect(compileConvention('<caseNumber>_<formNumber>_<caseNumber>.pdf')).toMatchObject({ left: expect.stringContaining('twice') });
    expect(compileConvention('<caseNumber>_<formNumber')).toMatchObject({ left: expect.stringContaining('without ">"') });
  });
});
