// The reference travels with the import so packages that compile adapters from source see the declarations too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration cannot be imported
/// <reference path="./talisman.d.ts" />
import talismanSoundex from 'talisman/phonetics/soundex';

/**
 * American Soundex (letter + three digits, with the H/W rule: ASHCRAFT → A261), the code the
 * Interstate Identification Index matches names on (Wisconsin DOJ TIME manual, "Searching the Index"; docs/carpos-and-ncic.md). Empty for a name
 * without letters.
 */
export const soundex = (name: string): string => {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 0 ? '' : talismanSoundex(letters);
};
