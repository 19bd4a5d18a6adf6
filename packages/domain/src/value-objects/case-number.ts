import type * as t from 'io-ts';
import { brandedString, trimUpper } from '../shared/branded';

/**
 * A court case number as the court writes it. Formats differ by county (e.g. "24FL001234",
 * "CR-2024-0001"), so only the character set and length are checked; matching ignores
 * punctuation through `caseNumberKey`.
 */
export const CaseNumber = brandedString(
  'CaseNumber',
  (s) => /^[A-Z0-9][A-Z0-9 .\-/]{1,29}$/.test(s),
  (s) => trimUpper(s).replace(/\s+/g, ' '),
);
export type CaseNumber = t.TypeOf<typeof CaseNumber>;

export const caseNumberKey = (c: string): string => c.toUpperCase().replace(/[^A-Z0-9]/g, '');
