import type * as t from 'io-ts';
import { brandedString, trimUpper } from '../shared/branded';

/**
 * NCIC Originating Agency Identifier: 9 characters, the first two the state ("CA"), then
 * alphanumerics (NIEM ncic_2000.xsd ORIAgencyCodeSimpleType; the agency-type suffix conventions
 * are not validated).
 */
export const Ori = brandedString('Ori', (s) => /^[A-Z]{2}[A-Z0-9]{7}$/.test(s), trimUpper);
export type Ori = t.TypeOf<typeof Ori>;
