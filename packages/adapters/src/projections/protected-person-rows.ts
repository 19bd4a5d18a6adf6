import { nameKeys } from '../search/person-keys';
import type { OrderSearchRow } from './order-search-row';

/** One row of `order_search_protected`: a protected person of an order, with their own keys. */
export interface ProtectedPersonRow {
  readonly order_id: string;
  readonly ordinal: number;
  readonly last: string;
  readonly first: string;
  readonly middle: string | null;
  readonly last_key: string;
  readonly first_key: string;
  readonly full_name: string;
  readonly nysiis: string;
  readonly soundex: string;
  readonly metaphone: string;
  readonly metaphone_alt: string;
  readonly dob: string | null;
  readonly sex: string | null;
  readonly race: string | null;
  readonly minor: boolean;
  readonly confidential: boolean;
}

export const protectedPersonRows = (row: OrderSearchRow): ProtectedPersonRow[] =>
  row.protected_persons.map((p, ordinal) => {
    const keys = nameKeys(p);
    return {
      order_id: row.order_id,
      ordinal,
      last: p.last,
      first: p.first,
      middle: p.middle,
      last_key: keys.lastKey,
      first_key: keys.firstKey,
      full_name: keys.fullName,
      nysiis: keys.nysiis,
      soundex: keys.soundex,
      metaphone: keys.metaphone,
      metaphone_alt: keys.metaphoneAlt,
      dob: p.dob,
      sex: p.sex,
      race: p.race,
      minor: p.minor,
      confidential: p.confidential,
    };
  });
