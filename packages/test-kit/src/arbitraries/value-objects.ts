import fc from 'fast-check';
import type * as t from 'io-ts';
import {
  CALIFORNIA_COUNTIES,
  EYE,
  HAIR,
  NameSuffix,
  PCO_TABLE,
  RACE,
  SEX,
  fromCaliforniaLocal,
  type BradyIndicator,
  type CaseNumber,
  type CountyCode,
  type DateOfBirth,
  type EyeCode,
  type Fcn,
  type HairCode,
  type Height,
  type IsoDate,
  type IsoDateTime,
  type Nic,
  type OrderDate,
  type OrderId,
  type Ori,
  type PcoCode,
  type PersonName,
  type RaceCode,
  type SexCode,
  type Weight,
} from '@ccpor/domain';

/**
 * Arbitraries for every value object, producing the normalized form the codecs store (upper-case
 * names, lower-case UUIDs, zero-padded weights), so decode(encode(x)) gives x back. Raw inputs
 * that the codecs normalize are separate (`personNameInputArb`, `oriInputArb`, …) and carry the
 * value they must normalize to.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Whole numbers typed as io-ts `Int`, for the codecs' integer fields. */
export const intArb = (min: number, max: number): fc.Arbitrary<t.Int> => fc.integer({ min, max }) as fc.Arbitrary<t.Int>;

const keysOf = <K extends string>(table: Record<K, unknown>): K[] => Object.keys(table) as K[];

// ---------------------------------------------------------------- dates and instants

/** 'YYYY-MM-DD' of a UTC day number (days since 1970-01-01). */
export const isoDateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOfIsoDate = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

const dateBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayOfIsoDate(from), max: dayOfIsoDate(to) }).map(isoDateOfDay);

/** Any real calendar date the IsoDate codec accepts (it has no year bounds; 1800–2300 covers every use). */
export const isoDateArb: fc.Arbitrary<IsoDate> = dateBetween('1800-01-01', '2300-12-31') as fc.Arbitrary<IsoDate>;

/** A date an order event may fall on: 1990–2199 (value-objects/dates.ts FIRST/LAST_ORDER_YEAR). */
export const orderDateArb = (from = '1990-01-01', to = '2199-12-31'): fc.Arbitrary<OrderDate> =>
  dateBetween(from, to) as fc.Arbitrary<OrderDate>;

/** Dates of birth: the codec's whole range (1900 on) or, by default for parties, people born 1920–1994. */
export const dateOfBirthArb = (from = '1920-01-01', to = '1994-12-31'): fc.Arbitrary<DateOfBirth> =>
  dateBetween(from, to) as fc.Arbitrary<DateOfBirth>;

/** UTC offsets seen in practice: California's two, UTC, and a spread of others up to ±14:00. */
export const OFFSETS_MINUTES = [-480, -420, 0, -600, -300, -240, 60, 330, 345, 540, 840, -720] as const;
export type InstantPrecision = 'minutes' | 'seconds' | 'millis';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Renders an instant with the given offset: '2026-03-02T10:15:00-08:00', '…T18:15Z', '…T18:15:00.250+05:30'. */
export const formatInstant = (ms: number, offsetMinutes: number, precision: InstantPrecision = 'seconds'): string => {
  const local = new Date(ms + offsetMinutes * MINUTE_MS).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const body = precision === 'minutes' ? local.slice(0, 16) : precision === 'seconds' ? local.slice(0, 19) : local.slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 && precision !== 'seconds' ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  return `${body}${zone}`;
};

/** Precision lost when rendering: minutes and seconds formats truncate, so callers round first. */
export const truncateMs = (ms: number, precision: InstantPrecision): number =>
  precision === 'minutes' ? Math.floor(ms / MINUTE_MS) * MINUTE_MS : precision === 'seconds' ? Math.floor(ms / 1000) * 1000 : ms;

/** The last instant IsoDateTime accepts in UTC form (its years end with 2199). */
export const LAST_INSTANT_MS = Date.UTC(2199, 11, 31, 23, 59, 59);

/** `minutes` after an instant, in UTC form, never past the codec's last instant (commands' `at` must decode). */
export const instantAfter = (iso: string, minutes: number): IsoDateTime =>
  formatInstant(Math.min(Date.parse(iso) + minutes * MINUTE_MS, LAST_INSTANT_MS), 0, 'millis') as IsoDateTime;

export const offsetArb: fc.Arbitrary<number> = fc.constantFrom(...OFFSETS_MINUTES);
export const precisionArb: fc.Arbitrary<InstantPrecision> = fc.constantFrom('minutes', 'seconds', 'millis');

/**
 * Instants between two UTC bounds, written with any offset and precision. The defaults keep the
 * written year inside the codec's 1990–2199 whatever the offset.
 */
export const isoDateTimeArb = (fromMs = Date.UTC(1990, 0, 2), toMs = Date.UTC(2199, 11, 30)): fc.Arbitrary<IsoDateTime> =>
  fc
    .tuple(fc.integer({ min: fromMs, max: toMs }), offsetArb, precisionArb)
    .map(([ms, offset, precision]) => formatInstant(truncateMs(ms, precision), offset, precision) as IsoDateTime);

/** 'HH:MM' wall-clock times; court hours are the likelier ones. */
export const localTimeArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 8, max: 16 }), fc.integer({ min: 0, max: 59 })),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
).map(([h, m]) => `${pad2(h)}:${pad2(m)}`);

const nthSunday = (year: number, month: number, nth: number): string => {
  const firstDay = dayOfIsoDate(`${year}-${pad2(month)}-01`);
  const weekday = new Date(firstDay * DAY_MS).getUTCDay();
  return isoDateOfDay(firstDay + ((7 - weekday) % 7) + 7 * (nth - 1));
};
const lastSunday = (year: number, month: number): string => {
  const nextFirst = dayOfIsoDate(`${month === 12 ? year + 1 : year}-${pad2(month === 12 ? 1 : month + 1)}-01`);
  const last = nextFirst - 1;
  return isoDateOfDay(last - new Date(last * DAY_MS).getUTCDay());
};

/**
 * The days California's clocks change, from the federal rules of each era (15 U.S.C. § 260a):
 * 1987–2006 first Sunday of April and last Sunday of October; from 2007 second Sunday of March
 * and first Sunday of November. Computed here, not by the domain, so generated wall clocks test
 * the domain's conversion rather than echo it.
 */
export const dstTransitionDates = (year: number): readonly [string, string] =>
  year <= 2006 ? [nthSunday(year, 4, 1), lastSunday(year, 10)] : [nthSunday(year, 3, 2), nthSunday(year, 11, 1)];

/**
 * A California wall-clock moment (date and 'HH:MM') between two years; one in five falls on a
 * day the clocks change, in the small hours, so both DST eras' skipped and repeated hours come up.
 */
export const californiaWallClockArb = (fromYear = 1995, toYear = 2035): fc.Arbitrary<{ date: string; time: string }> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ date: dateBetween(`${fromYear}-01-01`, `${toYear}-12-31`), time: localTimeArb }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: fromYear, max: toYear }), fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 59 }))
        .map(([y, spring, h, m]) => ({ date: dstTransitionDates(y)[spring ? 0 : 1], time: `${pad2(h)}:${pad2(m)}` })),
    },
  );

/** An instant given as a California wall clock, rendered with the offset in force then (-08:00 or -07:00). */
export const californiaInstantArb = (fromYear = 1995, toYear = 2035): fc.Arbitrary<IsoDateTime> =>
  californiaWallClockArb(fromYear, toYear).map(({ date, time }) => fromCaliforniaLocal(date, time) as IsoDateTime);

// ---------------------------------------------------------------- identifiers

/** RFC 4122 version-4 UUIDs in the lower-case form OrderId stores. */
export const orderIdArb: fc.Arbitrary<OrderId> = fc.uuid({ version: 4 }) as fc.Arbitrary<OrderId>;

/** Case numbers as courts write them ("24FL001234", "CR-2024-0001") and free forms in the codec's alphabet. */
export const caseNumberArb: fc.Arbitrary<CaseNumber> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom('FL', 'CR', 'CH', 'DV', 'JV', 'PR', 'CV', 'F', 'M'), fc.integer({ min: 1, max: 999_999 }))
    .map(([yy, dept, n]) => `${pad2(yy)}${dept}${String(n).padStart(6, '0')}`),
  fc
    .tuple(fc.constantFrom('CR', 'FL', 'CH', 'VC'), fc.integer({ min: 1995, max: 2035 }), fc.integer({ min: 1, max: 99_999 }))
    .map(([p, y, n]) => `${p}-${y}-${String(n).padStart(4, '0')}`),
  // Free forms: single inner spaces only, because the codec collapses runs of white space.
  fc.stringMatching(/^[A-Z0-9][A-Z0-9.\-/]{1,14}( [A-Z0-9][A-Z0-9.\-/]{0,12})?$/),
) as fc.Arbitrary<CaseNumber>;

export const countyCodeArb: fc.Arbitrary<CountyCode> = fc.constantFrom(...CALIFORNIA_COUNTIES.map(([code]) => code));

/** ORIs in general (two letters and seven alphanumerics). */
export const oriArb: fc.Arbitrary<Ori> = fc.stringMatching(/^[A-Z]{2}[A-Z0-9]{7}$/) as fc.Arbitrary<Ori>;

/** A California court ORI for a county: 'CA' + county code + four digits + 'J' (NIEM ncic_2000.xsd agency type J; the layout is [U], docs/carpos-and-ncic.md). */
export const courtOriArb = (county?: CountyCode): fc.Arbitrary<Ori> =>
  fc
    .tuple(county === undefined ? countyCodeArb : fc.constant(county), fc.integer({ min: 0, max: 999 }))
    .map(([c, n]) => `CA0${c}${String(n).padStart(3, '0')}J` as Ori);

/** A California law-enforcement ORI (sheriff, police): 'CA0' + county + four digits. */
export const agencyOriArb: fc.Arbitrary<Ori> = fc
  .tuple(countyCodeArb, fc.integer({ min: 0, max: 9999 }))
  .map(([c, n]) => `CA0${c}${String(n).padStart(4, '0')}` as Ori);

/** CARPOS File Control Number: 13 digits, leading zeros included. */
export const fcnArb: fc.Arbitrary<Fcn> = fc.stringMatching(/^\d{13}$/) as fc.Arbitrary<Fcn>;

/** NCIC number: a letter and nine digits; "H" (the POF letter, [U]) most often. */
export const nicArb: fc.Arbitrary<Nic> = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: fc.constant('H') }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]$/) }), fc.stringMatching(/^\d{9}$/))
  .map(([l, d]) => `${l}${d}` as Nic);

/** A lower-case hex SHA-256. */
export const sha256Arb: fc.Arbitrary<string> = fc.stringMatching(/^[0-9a-f]{64}$/);

// ---------------------------------------------------------------- NCIC code tables

export const sexCodeArb: fc.Arbitrary<SexCode> = fc.constantFrom(...keysOf(SEX.table));
export const raceCodeArb: fc.Arbitrary<RaceCode> = fc.constantFrom(...keysOf(RACE.table));
export const eyeCodeArb: fc.Arbitrary<EyeCode> = fc.constantFrom(...keysOf(EYE.table));
export const hairCodeArb: fc.Arbitrary<HairCode> = fc.constantFrom(...keysOf(HAIR.table));
export const pcoCodeArb: fc.Arbitrary<PcoCode> = fc.constantFrom(...keysOf(PCO_TABLE));
export const bradyArb: fc.Arbitrary<BradyIndicator> = fc.constantFrom('Y', 'N', 'U');
/** Distinct PCO codes in table order, as a clerk ticks them. */
export const pcoCodesArb: fc.Arbitrary<PcoCode[]> = fc.subarray(keysOf(PCO_TABLE), { minLength: 1 });

/** NCIC height 'FII': feet 1–8, inches 00–11. */
export const heightArb: fc.Arbitrary<Height> = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 11 }))
  .map(([ft, inch]) => `${ft}${pad2(inch)}` as Height);

/** Weight in pounds, three digits ('001'–'999'). */
export const weightArb: fc.Arbitrary<Weight> = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0') as Weight);

// ---------------------------------------------------------------- names

const COMMON_NAME_PARTS = ['GARCIA', 'NGUYEN', 'SMITH', "O'BRIEN", 'SMITH-JONES', 'DE LA CRUZ', 'ST. JAMES', 'VAN DER BERG', 'LI', 'ANA', 'JOSE', 'MARY-KATE', "D'ANGELO", 'J.'];

/** One normalized name part: starts with a letter; letters, single spaces, hyphens, apostrophes, periods; ≤ 50. */
export const namePartArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...COMMON_NAME_PARTS),
  fc.stringMatching(/^[A-Z][A-Z '.-]{0,30}$/).map((s) => s.replace(/ +/g, ' ').trimEnd()),
);

export const personNameArb: fc.Arbitrary<PersonName> = fc.record(
  { last: namePartArb, first: namePartArb, middle: namePartArb, suffix: fc.constantFrom(...keysOf(NameSuffix.keys)) },
  { requiredKeys: ['last', 'first'] },
);

/** Accented spellings a clerk may type for each letter; NFD folding must bring each back to the letter. */
const ACCENTED: Readonly<Record<string, readonly string[]>> = {
  A: ['Á', 'À', 'Â', 'Ä', 'Ã', 'Å'],
  C: ['Ç'],
  E: ['É', 'È', 'Ê', 'Ë'],
  I: ['Í', 'Ì', 'Î', 'Ï'],
  N: ['Ñ'],
  O: ['Ó', 'Ò', 'Ô', 'Ö', 'Õ'],
  U: ['Ú', 'Ù', 'Û', 'Ü'],
  Y: ['Ý', 'Ÿ'],
};

/** A raw spelling of a normalized part: mixed case, accents (composed or decomposed), padded and doubled spaces. */
const rawSpellingArb = (normalized: string): fc.Arbitrary<string> =>
  fc
    .record({
      lower: fc.array(fc.boolean(), { minLength: normalized.length, maxLength: normalized.length }),
      accent: fc.array(fc.nat(5), { minLength: normalized.length, maxLength: normalized.length }),
      decomposed: fc.boolean(),
      padLeft: fc.constantFrom('', ' ', '  ', '\t'),
      padRight: fc.constantFrom('', ' ', '\u00a0'),
      doubleSpaces: fc.boolean(),
    })
    .map(({ lower, accent, decomposed, padLeft, padRight, doubleSpaces }) => {
      const chars = [...normalized].map((ch, i) => {
        const variants = ACCENTED[ch];
        const pick = accent[i] ?? 0;
        const accented = variants !== undefined && pick > 0 ? (variants[(pick - 1) % variants.length] ?? ch) : ch;
        const cased = lower[i] ? accented.toLowerCase() : accented;
        return ch === ' ' && doubleSpaces ? '  ' : cased;
      });
      const text = chars.join('');
      return `${padLeft}${decomposed ? text.normalize('NFD') : text}${padRight}`;
    });

export interface NameInput {
  /** What a clerk typed. */
  readonly input: { last: string; first: string; middle?: string; suffix?: PersonName['suffix'] };
  /** What the PersonName codec must store for it. */
  readonly normalized: PersonName;
}

/** Names as typed ("garcía-lópez", "  José ", "o'brien"), each with the normalized name it must decode to. */
export const personNameInputArb: fc.Arbitrary<NameInput> = personNameArb.chain((normalized) =>
  fc
    .record({
      last: rawSpellingArb(normalized.last),
      first: rawSpellingArb(normalized.first),
      middle: normalized.middle === undefined ? fc.constant(undefined) : rawSpellingArb(normalized.middle),
    })
    .map(({ last, first, middle }) => ({
      input: { last, first, ...(middle !== undefined ? { middle } : {}), ...(normalized.suffix !== undefined ? { suffix: normalized.suffix } : {}) },
      normalized,
    })),
);

// ---------------------------------------------------------------- other raw inputs the codecs normalize

export interface RawInput<A> {
  readonly input: unknown;
  readonly normalized: A;
}

/** Lower-case or padded spellings of codes the codecs upper-case and trim. */
export const oriInputArb: fc.Arbitrary<RawInput<Ori>> = fc
  .tuple(oriArb, fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([ori, lower, pad]) => ({ input: `${pad}${lower ? ori.toLowerCase() : ori}${pad}`, normalized: ori }));

export const weightInputArb: fc.Arbitrary<RawInput<Weight>> = fc
  .integer({ min: 1, max: 999 })
  .map((n) => ({ input: ` ${n} `, normalized: String(n).padStart(3, '0') as Weight }));

/** A county given by its code, its one-digit short form, or its name in any case. */
export const countyInputArb: fc.Arbitrary<RawInput<CountyCode>> = fc
  .tuple(fc.constantFrom(...CALIFORNIA_COUNTIES), fc.constantFrom('code', 'short', 'name', 'upper-name'))
  .map(([[code, name], form]) => ({
    input: form === 'code' ? code : form === 'short' && code.startsWith('0') ? code.slice(1) : form === 'upper-name' ? ` ${name.toUpperCase()} ` : name,
    normalized: code,
  }));

export const caseNumberInputArb: fc.Arbitrary<RawInput<CaseNumber>> = fc
  .tuple(caseNumberArb, fc.boolean())
  .map(([c, lower]) => ({ input: `  ${(lower ? c.toLowerCase() : c).replace(/ /g, ' \t')} `, normalized: c }));

export const orderIdInputArb: fc.Arbitrary<RawInput<OrderId>> = orderIdArb.map((id) => ({ input: ` ${id.toUpperCase()}`, normalized: id }));
