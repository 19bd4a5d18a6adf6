import type * as t from 'io-ts';
import { brandedString } from '../shared/branded';

/**
 * Height in the NCIC 3-digit form: feet then two digits of inches ("510" = 5 ft 10 in)
 * (the NCIC HGT field, [U] as CARPOS's field). Inches 00–11; feet 1–8 covers every real person.
 */
export const Height = brandedString('Height', (s) => /^[1-8](0\d|1[01])$/.test(s), (s) => s.trim());
export type Height = t.TypeOf<typeof Height>;

export const heightInches = (h: string): number => Number(h[0]) * 12 + Number(h.slice(1));

/** Weight in pounds, 3 digits as NCIC WGT carries it ("075"–"999"). */
export const Weight = brandedString(
  'Weight',
  (s) => /^\d{3}$/.test(s) && Number(s) >= 1,
  (s) => (/^\d{1,3}$/.test(s.trim()) ? s.trim().padStart(3, '0') : s.trim()),
);
export type Weight = t.TypeOf<typeof Weight>;
