/**
 * NYSIIS (New York State Identification and Intelligence System, Taft 1970), the phonetic code
 * behind NCIC 2000's enhanced name search (docs/carpos-and-ncic.md). PostgreSQL's fuzzystrmatch has
 * no NYSIIS, so the key is computed here, once, for every adapter (docs/performance-goals.md).
 *
 * This follows the original rules as Lynch and Arends (1977) reproduce them, including the
 * six-character key: the translations are written back into the name as the scan goes, so the
 * H and W rules look at letters already translated (KOEHN → CAN, not CAEN).
 */

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

/** Taft's key length. */
export const NYSIIS_LENGTH = 6;

const PREFIXES: readonly (readonly [string, string])[] = [
  ['MAC', 'MCC'],
  ['KN', 'NN'],
  ['K', 'C'],
  ['PH', 'FF'],
  ['PF', 'FF'],
  ['SCH', 'SSS'],
];

const SUFFIXES: readonly (readonly [string, string])[] = [
  ['EE', 'Y'],
  ['IE', 'Y'],
  ['DT', 'D'],
  ['RT', 'D'],
  ['RD', 'D'],
  ['NT', 'D'],
  ['ND', 'D'],
];

const replaceEnds = (name: string): string => {
  let s = name;
  const prefix = PREFIXES.find(([from]) => s.startsWith(from));
  if (prefix) s = prefix[1] + s.slice(prefix[0].length);
  const suffix = SUFFIXES.find(([from]) => s.endsWith(from));
  if (suffix) s = s.slice(0, s.length - suffix[0].length) + suffix[1];
  return s;
};

/**
 * Translates the letter at `i` (and, for digraphs, the ones after it) in place and returns
 * what the position now holds.
 */
const translateAt = (c: string[], i: number): string => {
  const here = c[i]!;
  const next = c[i + 1];
  if (here === 'E' && next === 'V') {
    c[i] = 'A';
    c[i + 1] = 'F';
  } else if (isVowel(here)) c[i] = 'A';
  else if (here === 'Q') c[i] = 'G';
  else if (here === 'Z') c[i] = 'S';
  else if (here === 'M') c[i] = 'N';
  else if (here === 'K') c[i] = next === 'N' ? 'N' : 'C';
  else if (here === 'S' && next === 'C' && c[i + 2] === 'H') {
    c[i] = 'S';
    c[i + 1] = 'S';
    c[i + 2] = 'S';
  } else if (here === 'P' && next === 'H') {
    c[i] = 'F';
    c[i + 1] = 'F';
  } else if (here === 'H' && (!isVowel(c[i - 1]) || !isVowel(next))) c[i] = c[i - 1]!;
  else if (here === 'W' && isVowel(c[i - 1])) c[i] = c[i - 1]!;
  return c[i]!;
};

/**
 * The NYSIIS key of a name. Anything but A–Z is dropped first (accents are folded by the
 * caller's normalisation, e.g. `lettersOnly`), so "O'BRIEN" and "OBRIEN" agree. Empty in, empty out.
 */
export const nysiis = (name: string, maxLength: number = NYSIIS_LENGTH): string => {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters.length === 0) return '';
  const chars = [...replaceEnds(letters)];
  const first = chars[0]!;
  let key = first;
  for (let i = 1; i < chars.length; i++) {
    const translated = translateAt(chars, i);
    if (translated !== key[key.length - 1]) key += translated;
  }
  // The closing rules apply to the code after its first letter, which is never removed.
  let tail = key.slice(1);
  if (tail.endsWith('S')) tail = tail.slice(0, -1);
  if (tail.endsWith('AY')) tail = `${tail.slice(0, -2)}Y`;
  if (tail.endsWith('A')) tail = tail.slice(0, -1);
  return (first + tail).slice(0, maxLength);
};
