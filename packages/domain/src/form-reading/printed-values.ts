import * as E from 'fp-ts/Either';
import { EYE, HAIR, RACE, SEX } from '../value-objects/ncic-codes';

/**
 * Readers of what is printed or typed in a form's boxes: dates, times, names, heights and the
 * NCIC descriptors as people write them ("5'10\"", "Brown", "Female"). Each returns the
 * registry's canonical text, or a sentence saying why the text is not such a value; codecs then
 * validate that text as every other input is validated.
 */

/** Collapses white space; OCR and text layers split and join words freely. */
export const cleanText = (s: string): string => s.replace(/\s+/g, ' ').trim();

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

const monthOf = (word: string): number | undefined => {
  const w = word.toUpperCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? undefined : i + 1;
};

const ymd = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

/**
 * A date as California forms write it: 03/14/2026, 3-14-26 (a two-digit year is 20xx below 50,
 * 19xx from 50), 2026-03-14, or March 14, 2026. The calendar check (a real day) is the codec's.
 */
export const readDate = (raw: string): E.Either<string, string> => {
  const s = cleanText(raw).replace(/(\d)\s*([/.-])\s*(?=\d)/g, '$1$2');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return E.right(ymd(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const y = m[3]!.length === 2 ? (Number(m[3]) < 50 ? 2000 : 1900) + Number(m[3]) : Number(m[3]);
    return E.right(ymd(y, Number(m[1]), Number(m[2])));
  }
  m = /^([A-Za-z]{3,9}\.?) (\d{1,2}),? (\d{4})$/.exec(s);
  const month = m ? monthOf(m[1]!) : undefined;
  if (m && month !== undefined) return E.right(ymd(Number(m[3]), month, Number(m[2])));
  return E.left(`"${raw}" is not a date written as MM/DD/YYYY`);
};

/** A time of day: 9:00 a.m., 2:30 PM, 14:30, 0930. */
export const readTime = (raw: string): E.Either<string, string> => {
  const s = cleanText(raw).toUpperCase().replace(/\./g, '').replace(/\s+/g, '');
  const m = /^(\d{1,2})(?::?(\d{2}))?(AM|PM|A|P)?$/.exec(s);
  if (!m) return E.left(`"${raw}" is not a time of day`);
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  const half = m[3]?.[0];
  if (half !== undefined) {
    if (h < 1 || h > 12) return E.left(`"${raw}" is not a time of day`);
    h = (h % 12) + (half === 'P' ? 12 : 0);
  } else if (m[2] === undefined) return E.left(`"${raw}" is not a time of day (hours and minutes)`);
  if (h > 23 || min > 59) return E.left(`"${raw}" is not a time of day`);
  return E.right(`${pad2(h)}:${pad2(min)}`);
};

/** A count (yards, hours, pounds): digits, perhaps with a unit after them. */
export const readCount = (raw: string): E.Either<string, number> => {
  const m = /^(\d{1,5})(?:\s*[A-Za-z.]*)?$/.exec(cleanText(raw).replace(/,/g, ''));
  return m ? E.right(Number(m[1])) : E.left(`"${raw}" is not a number`);
};

/** Height as NCIC's three digits (feet, then inches): 5'10", 5 ft 10 in, 5-10, 510, 70 in. */
export const readHeight = (raw: string): E.Either<string, string> => {
  const s = cleanText(raw).toUpperCase().replace(/["”″]|IN(CHES)?\.?$/g, '').trim();
  let m = /^([1-8])(?:\s*(?:'|’|′|FT\.?|FEET|-|\s)\s*(\d{1,2})?)?$/.exec(s);
  if (m) {
    const inches = Number(m[2] ?? '0');
    return inches < 12 ? E.right(`${m[1]}${pad2(inches)}`) : E.left(`"${raw}" has ${inches} inches`);
  }
  m = /^([1-8])(\d{2})$/.exec(s);
  if (m && Number(m[2]) < 12) return E.right(s);
  m = /^(\d{2})$/.exec(s);
  if (m && Number(m[1]) >= 12 && Number(m[1]) < 108) return E.right(`${Math.floor(Number(m[1]) / 12)}${pad2(Number(m[1]) % 12)}`);
  return E.left(`"${raw}" is not a height such as 5'10"`);
};

/**
 * A code from an NCIC table, written either as the code or as its meaning ("Brown" → BRO,
 * "Female" → F). Also takes the common words forms use that the tables spell differently.
 */
const codeReader =
  (name: string, table: Record<string, string>, words: Record<string, string> = {}) =>
  (raw: string): E.Either<string, string> => {
    const s = cleanText(raw).toUpperCase().replace(/\.$/, '');
    if (s in table) return E.right(s);
    if (s in words) return E.right(words[s]!);
    const byMeaning = Object.entries(table).find(([, meaning]) => meaning.toUpperCase() === s || meaning.toUpperCase().split(/ OR |, /)[0] === s);
    return byMeaning ? E.right(byMeaning[0]) : E.left(`"${raw}" is not a ${name} the registry knows`);
  };

export const readSex = codeReader('sex', SEX.table);
export const readRace = codeReader('race', RACE.table, { HISPANIC: 'H', LATINO: 'H', LATINA: 'H', 'AMERICAN INDIAN OR ALASKA NATIVE': 'I', 'PACIFIC ISLANDER': 'P', CAUCASIAN: 'W' });
export const readEyes = codeReader('eye color', EYE.table, { GREY: 'GRY', HAZEL: 'HAZ', BROWN: 'BRO', BLUE: 'BLU', GREEN: 'GRN', BLACK: 'BLK' });
export const readHair = codeReader('hair color', HAIR.table, { BLOND: 'BLN', BLONDE: 'BLN', GREY: 'GRY', AUBURN: 'RED', BALD: 'BLD', 'STRAWBERRY BLONDE': 'BLN' });

export interface NameParts {
  readonly last: string;
  readonly first: string;
  readonly middle?: string;
}

/** "LAST, First Middle" or "First Middle Last" as one line, split into the name's parts. */
export const splitFullName = (raw: string): E.Either<string, NameParts> => {
  const s = cleanText(raw);
  const comma = s.indexOf(',');
  if (comma > 0) {
    const last = s.slice(0, comma).trim();
    const [first, ...rest] = s.slice(comma + 1).trim().split(' ');
    if (last && first) return E.right({ last, first, ...(rest.length ? { middle: rest.join(' ') } : {}) });
  } else {
    const words = s.split(' ');
    if (words.length >= 2) {
      const last = words[words.length - 1]!;
      const [first, ...middle] = words.slice(0, -1);
      return E.right({ last, first: first!, ...(middle.length ? { middle: middle.join(' ') } : {}) });
    }
  }
  return E.left(`"${raw}" is not a full name (last and first)`);
};
