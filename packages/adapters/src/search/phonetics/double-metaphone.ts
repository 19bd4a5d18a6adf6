// The reference travels with the import so packages that compile adapters from source see the declarations too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration cannot be imported
/// <reference path="./talisman.d.ts" />
import talismanDoubleMetaphone from 'talisman/phonetics/double-metaphone';

export interface DoubleMetaphoneKeys {
  readonly primary: string;
  readonly alternate: string;
}

/**
 * Lawrence Philips' Double Metaphone (four-character keys), from talisman, whose output agrees
 * with PostgreSQL's fuzzystrmatch `dmetaphone`/`dmetaphone_alt` (checked in the tests). The
 * alternate equals the primary when a name has only one pronunciation.
 */
export const doubleMetaphone = (name: string): DoubleMetaphoneKeys => {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters.length === 0) return { primary: '', alternate: '' };
  const [primary, alternate] = talismanDoubleMetaphone(letters);
  return { primary, alternate };
};
