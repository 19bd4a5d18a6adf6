import type * as t from 'io-ts';
import { brandedString, trimUpper } from '../shared/branded';

/**
 * CARPOS File Control Number: 13 digits, the first three naming the entering agency
 * ("232" = the Los Angeles County Sheriff's Department). A string, never a number: leading
 * zeros matter.
 */
export const Fcn = brandedString('Fcn', (s) => /^\d{13}$/.test(s), (s) => s.trim());
export type Fcn = t.TypeOf<typeof Fcn>;
export const fcnAgencyPrefix = (fcn: string): string => fcn.slice(0, 3);

/** NCIC record number: one letter and nine digits, self-checking (NIEM justice domain, ItemNCICIdentification). */
export const Nic = brandedString('Nic', (s) => /^[A-Z]\d{9}$/.test(s), trimUpper);
export type Nic = t.TypeOf<typeof Nic>;
