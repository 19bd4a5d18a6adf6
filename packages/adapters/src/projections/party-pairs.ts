import { lettersOnly } from '@ccpor/domain';
import { nysiis } from '../search/phonetics/nysiis';
import type { OrderSearchRow } from './order-search-row';

/** A person as the party index identifies them. */
export interface PartyPerson {
  readonly last: string;
  readonly first: string;
  /** 'YYYY-MM-DD', or null when unknown. */
  readonly dob: string | null;
}

/** One row of `order_party_pair`. */
export interface PartyPairRow {
  readonly order_id: string;
  readonly ordinal: number;
  readonly exact_key: string;
  readonly phonetic_key: string | null;
}

const exactPersonKey = (p: PartyPerson): string => `${lettersOnly(p.last)}|${lettersOnly(p.first)}|${p.dob ?? '-'}`;

const phoneticPersonKey = (p: PartyPerson): string | null =>
  p.dob === null ? null : `${nysiis(lettersOnly(p.last))}|${lettersOnly(p.first).slice(0, 1)}|${p.dob}`;

/** The exact key of a (restrained, protected) pair: letters-only names and DOBs of both. */
export const exactPairKey = (restrained: PartyPerson, protectedPerson: PartyPerson): string =>
  `${exactPersonKey(restrained)}#${exactPersonKey(protectedPerson)}`;

/**
 * The typo-tolerant key of a pair: NYSIIS surname, first initial and exact DOB of both, or null
 * when either DOB is unknown.
 */
export const phoneticPairKey = (restrained: PartyPerson, protectedPerson: PartyPerson): string | null => {
  const r = phoneticPersonKey(restrained);
  const p = phoneticPersonKey(protectedPerson);
  return r === null || p === null ? null : `${r}#${p}`;
};

/** The pairs of an order: its restrained person with each protected person. Drafts without a restrained person have none. */
export const partyPairRows = (row: OrderSearchRow): PartyPairRow[] => {
  if (row.r_last === null || row.r_first === null || row.status === 'discarded') return [];
  const restrained: PartyPerson = { last: row.r_last, first: row.r_first, dob: row.r_dob };
  return row.protected_persons.map((p, ordinal) => ({
    order_id: row.order_id,
    ordinal,
    exact_key: exactPairKey(restrained, p),
    phonetic_key: phoneticPairKey(restrained, p),
  }));
};
