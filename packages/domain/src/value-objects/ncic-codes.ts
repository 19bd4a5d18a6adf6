import * as t from 'io-ts';

/**
 * NCIC person-descriptor code tables (SEX, RACE, EYE, HAIR), from the NIEM NCIC schemas
 * ncic_2000.xsd and ncic-5.0.1.xsd. The carpos-protocol package keeps its own copy as data,
 * because it must stand alone (ADR 0005).
 */
const codeTable = <K extends string>(name: string, table: Record<K, string>) => {
  const codec = t.keyof(table, name);
  return { codec, table, meaning: (k: K): string => table[k] };
};

/** §11.2 SEX (also PSX). U is allowed for unknown. */
export const SEX = codeTable('SexCode', { F: 'Female', M: 'Male', U: 'Unknown' });
export const SexCode = SEX.codec;
export type SexCode = t.TypeOf<typeof SexCode>;

/** §11.3 RACE (also PPR); P and H were added in NCIC 5.0.1. */
export const RACE = codeTable('RaceCode', {
  A: 'Asian',
  B: 'Black',
  I: 'American Indian',
  U: 'Unknown',
  W: 'White',
  P: 'Native Hawaiian or Other Pacific Islander',
  H: 'Hispanic or Latino',
});
export const RaceCode = RACE.codec;
export type RaceCode = t.TypeOf<typeof RaceCode>;

/** §11.4 EYE (also PEY). */
export const EYE = codeTable('EyeCode', {
  BLK: 'Black',
  BLU: 'Blue',
  BRO: 'Brown',
  GRN: 'Green',
  GRY: 'Gray',
  HAZ: 'Hazel',
  MAR: 'Maroon',
  MUL: 'Multicolored',
  PNK: 'Pink',
  XXX: 'Unknown',
});
export const EyeCode = EYE.codec;
export type EyeCode = t.TypeOf<typeof EyeCode>;

/** §11.5 HAI (also PHA); BLD exists only in NCIC 5.0.1. */
export const HAIR = codeTable('HairCode', {
  BLD: 'Bald',
  BLK: 'Black',
  BLN: 'Blond or strawberry',
  BLU: 'Blue',
  BRO: 'Brown',
  GRN: 'Green',
  GRY: 'Gray or partially gray',
  ONG: 'Orange',
  PLE: 'Purple',
  PNK: 'Pink',
  RED: 'Red or auburn',
  SDY: 'Sandy',
  WHI: 'White',
  XXX: 'Unknown, or completely bald',
});
export const HairCode = HAIR.codec;
export type HairCode = t.TypeOf<typeof HairCode>;

/** Brady indicator BRD: Y federally prohibited, N not, U unknown (§5; the NCIC field is [U]). */
export const BradyIndicator = t.keyof({ Y: null, N: null, U: null }, 'BradyIndicator');
export type BradyIndicator = t.TypeOf<typeof BradyIndicator>;
