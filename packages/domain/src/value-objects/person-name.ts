import * as t from 'io-ts';

const NAME_PART = /^[A-Z][A-Z '\-.]{0,49}$/;

/** Upper-case, accents folded (JOSÉ → JOSE), inner white space collapsed. */
export const normalizeNamePart = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();

const namePart = (name: string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && NAME_PART.test(u),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `${name} must be text`);
      const n = normalizeNamePart(u);
      return NAME_PART.test(n)
        ? t.success(n)
        : t.failure(u, c, `${name} "${u}" must start with a letter and hold only letters, spaces, hyphens, apostrophes or periods (at most 50)`);
    },
    (a) => a,
  );

export const NameSuffix = t.keyof({ JR: null, SR: null, II: null, III: null, IV: null, V: null }, 'NameSuffix');

/** A person's name as entered, stored in its normalized (upper-case, unaccented) form. */
export const PersonName = t.intersection(
  [
    t.type({ last: namePart('last name'), first: namePart('first name') }),
    t.partial({ middle: namePart('middle name'), suffix: NameSuffix }),
  ],
  'PersonName',
);
export type PersonName = t.TypeOf<typeof PersonName>;

/**
 * The form used for matching the same person across orders and counties: letters only,
 * so "O'BRIEN-SMITH" and "OBRIEN SMITH" agree. Phonetic keys are built on top of it by the
 * search projection.
 */
export const nameMatchKey = (n: { last: string; first: string }): string =>
  `${lettersOnly(n.last)}|${lettersOnly(n.first)}`;

export const lettersOnly = (s: string): string => normalizeNamePart(s).replace(/[^A-Z]/g, '');

/** NCIC NAM layout: LAST, FIRST MIDDLE SUFFIX. */
export const formatNcicName = (n: PersonName): string =>
  `${n.last}, ${n.first}${n.middle ? ` ${n.middle}` : ''}${n.suffix ? ` ${n.suffix}` : ''}`;
