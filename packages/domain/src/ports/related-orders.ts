import type { OrderFacts } from '../access/policy';
import type { OrderSnapshot } from '../precedence/order-snapshot';

/** One person of a pair as the party index identifies them: name and date of birth ('YYYY-MM-DD'). */
export interface PairPerson {
  readonly last: string;
  readonly first: string;
  readonly dob: string | null;
}

/** A restrained person and one protected person: precedence is computed per pair (ADR 0007). */
export interface PersonPair {
  readonly restrained: PairPerson;
  readonly protectedPerson: PairPerson;
}

/**
 * An order found for a pair, with what the access policy needs to decide whether the caller may
 * see it (ADR 0040), and how it matched: the same letters-only names and DOBs (`exact`), or the
 * same DOBs with names that sound alike (`phonetic`, NYSIIS or Double Metaphone: a possible typo).
 */
export interface RelatedOrder {
  readonly snapshot: OrderSnapshot;
  readonly facts: OrderFacts;
  readonly match: 'exact' | 'phonetic';
}

/**
 * Finds every order, in every county, concerning the same people as each of `pairs` (the result
 * is indexed like `pairs`). Implemented on the party index of the search views.
 */
export interface RelatedOrdersPort {
  ordersConcerning(pairs: readonly PersonPair[]): Promise<readonly (readonly RelatedOrder[])[]>;
  /** For each order id, per protected person of that order (by ordinal), the orders about the same pair, the order itself included. */
  ordersLinkedTo(orderIds: readonly string[]): Promise<ReadonlyMap<string, ReadonlyMap<number, readonly RelatedOrder[]>>>;
}
