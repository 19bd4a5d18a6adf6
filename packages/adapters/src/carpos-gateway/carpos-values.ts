import { toCaliforniaLocal, type PersonName } from '@ccpor/domain';

/**
 * Registry values written the way the CARPOS dictionary wants them. Everything here only
 * narrows (drops characters DOJ cannot take, shortens to the field length); whether the result
 * is acceptable is still decided by the protocol's validator.
 */

const NAME_LIMIT = 30;

/** A name part in the NCIC name alphabet: A-Z, space and hyphen (apostrophes and periods dropped). */
const nameChars = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/['.]/g, '')
    .replace(/[^A-Z -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** NCIC NAM: `SURNAME,GIVEN MIDDLE SUFFIX`, no space beside the comma, at most 30 characters. */
export const carposName = (name: PersonName): string => {
  const given = [name.first, name.middle, name.suffix].filter((p): p is string => p !== undefined).map(nameChars).join(' ');
  return `${nameChars(name.last)},${given}`.slice(0, NAME_LIMIT).trimEnd();
};

/**
 * A free-text name ("Deputy J. Smith #4411") as `SURNAME,GIVEN`: the last word is taken as the
 * surname, the rest as given names [I]; a single word gets the surname only plus a placeholder
 * given name, since the format needs both sides of the comma.
 */
export const carposNameFromText = (text: string): string => {
  const words = nameChars(text.replace(/#\S*/g, ' ')).split(' ').filter((w) => w.length > 0 && w !== '-');
  const surname = words.pop() ?? 'UNKNOWN';
  const given = words.length > 0 ? words.join(' ') : 'UNKNOWN';
  return `${surname},${given}`.slice(0, NAME_LIMIT).trimEnd();
};

/** `2026-03-02` → `20260302` (the default dictionary's CCYYMMDD). */
export const carposDate = (isoDate: string): string => isoDate.slice(0, 10).replaceAll('-', '');

/** The California calendar date of an instant, as CCYYMMDD. */
export const carposDateOfInstant = (instant: string): string => carposDate(toCaliforniaLocal(instant).date);

/** The California wall-clock time of an instant, as HHMM. */
export const carposTimeOfInstant = (instant: string): string => toCaliforniaLocal(instant).time.slice(0, 5).replace(':', '');

/** Case and agency numbers travel as alphanumerics only: `26-FL-001234` → `26FL001234`. */
export const carposAlphanumeric = (s: string, max = 20): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, max);

/** MIS takes printable ASCII; the registry's terms may hold typographic quotes and accents. */
export const carposText = (s: string, max: number): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
    .slice(0, max)
    .trim();
