import { lettersOnly } from '@ccpor/domain';
import { doubleMetaphone } from './phonetics/double-metaphone';
import { nysiis } from './phonetics/nysiis';
import { soundex } from './phonetics/soundex';

/**
 * The matching keys of one person's name, computed once in TypeScript so PostgreSQL, PGlite and
 * any other store hold identical keys (fuzzystrmatch has no NYSIIS; docs/performance-goals.md). Keys are built on the
 * letters-only surname (`lettersOnly`), so "DE LA CRUZ" and "DELACRUZ" agree.
 */
export interface NameKeys {
  /** Surname, letters only. */
  readonly lastKey: string;
  /** First name, letters only. */
  readonly firstKey: string;
  /** "LAST FIRST", letters only, for the full-name trigram index. */
  readonly fullName: string;
  readonly nysiis: string;
  readonly soundex: string;
  readonly metaphone: string;
  readonly metaphoneAlt: string;
}

export const nameKeys = (name: { readonly last: string; readonly first: string }): NameKeys => {
  const lastKey = lettersOnly(name.last);
  const firstKey = lettersOnly(name.first);
  const dm = doubleMetaphone(lastKey);
  return {
    lastKey,
    firstKey,
    fullName: `${lastKey} ${firstKey}`.trim(),
    nysiis: nysiis(lastKey),
    soundex: soundex(lastKey),
    metaphone: dm.primary,
    metaphoneAlt: dm.alternate,
  };
};
