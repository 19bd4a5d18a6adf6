import type * as t from 'io-ts';
import { brandedString, trimUpper } from '../shared/branded';

/**
 * CARPOS File Control Number: 13 digits, the first three naming the entering agency
 * ("232" = LASD). A string, never a number: leading zeros matter (domain-brief §10.1).
 */
export const Fcn = brandedString('Fcn', (s) => /^\d{13}$/.test(s), (s) => s.trim());
export type Fcn = t.TypeOf<typeof Fcn>;
export const fcnAgencyPrefix = (fcn: string): string => fcn.slice(0, 3);

/** NCIC record number: one letter and nine digits, self-checking (domain-brief §10.2). */
export const Nic = brandedString('Nic', (s) => /^[A-Z]\d{9}$/.test(s), trimUpper);
export type Nic = t.TypeOf<typeof Nic>;
