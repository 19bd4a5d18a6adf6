import { CALIFORNIA_COUNTIES, EYE, HAIR, PCO_TABLE, RACE, SEX } from '@ccpor/domain';

/**
 * What a clerk types, read the way the paper form is read (issue 15): dates as `mmddyyyy` without
 * separators (separators are tolerated), times as `hhmm`, and code fields (sex, race, eyes, hair,
 * county, PCO) as the code or the word. The tables are the domain's, never a copy.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

/** `mmddyyyy` (or `mm/dd/yyyy`, `m/d/yyyy`) → `yyyy-mm-dd`; a calendar check included. */
export const parseTypedDate = (input: string): Parsed<string> => {
  const s = input.trim();
  const parts = /^(\d{2})(\d{2})(\d{4})$/.exec(s) ?? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!parts) return no('Type the date as mmddyyyy, for example 03152026.');
  const [mm, dd, yyyy] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const d = new Date(Date.UTC(yyyy, mm - 1, dd));
  if (mm < 1 || mm > 12 || d.getUTCMonth() !== mm - 1 || d.getUTCDate() !== dd) return no(`${s} is not a date on the calendar.`);
  return ok(`${String(yyyy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`);
};

/** `yyyy-mm-dd` → `mmddyyyy`, as the clerk types it. */
export const typedDate = (iso: string | undefined): string => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}` : '');

/** `hhmm` or `hh:mm` (24-hour, California time) → `HH:MM`. */
export const parseTypedTime = (input: string): Parsed<string> => {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(input.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return no('Type the time as hhmm on the 24-hour clock, for example 1430.');
  return ok(`${m[1]!.padStart(2, '0')}:${m[2]}`);
};

export const typedTime = (hhmm: string | undefined): string => (hhmm ? hhmm.replace(':', '') : '');

const codeOrWord = <K extends string>(table: Readonly<Record<K, string>>, what: string) => (input: string): Parsed<K> => {
  const s = input.trim();
  const upper = s.toUpperCase();
  if (upper in table) return ok(upper as K);
  const entries = Object.entries(table) as [K, string][];
  const exact = entries.find(([, w]) => w.toUpperCase() === upper);
  if (exact) return ok(exact[0]);
  const starts = entries.filter(([, w]) => w.toUpperCase().startsWith(upper));
  if (s.length >= 2 && starts.length === 1) return ok(starts[0]![0]);
  return no(`“${s}” is not a ${what}: type a code or word from the list.`);
};

export const parseSex = codeOrWord(SEX.table, 'sex');
export const parseRace = codeOrWord(RACE.table, 'race');
export const parseEyes = codeOrWord(EYE.table, 'eye colour');
export const parseHair = codeOrWord(HAIR.table, 'hair colour');

const COUNTIES = Object.fromEntries(CALIFORNIA_COUNTIES.map(([c, n]) => [c, n])) as Record<string, string>;
export const parseCounty = (input: string): Parsed<string> => {
  const s = input.trim();
  return codeOrWord(COUNTIES, 'county')(/^\d$/.test(s) ? `0${s}` : s);
};

/** PCO codes: "1, 5 7" or the words' start ("no contact" is not a code word; the codes are). */
export const parsePcoCodes = (input: string): Parsed<string[]> => {
  const items = input.split(/[\s,;]+/).filter((x) => x !== '');
  const codes: string[] = [];
  for (const item of items) {
    const code = /^\d$/.test(item) ? `0${item}` : item;
    if (!(code in PCO_TABLE)) return no(`“${item}” is not a PCO code (01–09).`);
    if (!codes.includes(code)) codes.push(code);
  }
  return ok(codes);
};

/** Height typed as `510`, `5'10`, `5 10` or `5-10` → the NCIC form `510`. */
export const parseHeight = (input: string): Parsed<string> => {
  const m = /^([1-8])\s*(?:'|ft|-|\s)?\s*(\d{1,2})\s*(?:"|in)?$/.exec(input.trim());
  if (!m || Number(m[2]) > 11) return no('Type the height as feet and inches, for example 510 or 5\'10.');
  return ok(`${m[1]}${m[2]!.padStart(2, '0')}`);
};

export const parseWeight = (input: string): Parsed<string> => {
  const m = /^(\d{1,3})\s*(?:lbs?)?$/.exec(input.trim());
  if (!m || Number(m[1]) < 1) return no('Type the weight in pounds, for example 180.');
  return ok(m[1]!.padStart(3, '0'));
};

/** The codes and words of a code field, offered as the field's suggestions. */
export const CODE_SUGGESTIONS = {
  sex: Object.entries(SEX.table),
  race: Object.entries(RACE.table),
  eyes: Object.entries(EYE.table),
  hair: Object.entries(HAIR.table),
} as const satisfies Record<string, [string, string][]>;
