import type { DraftDetails } from '../order/order-details';
import type { PersonPair } from '../ports/related-orders';

/**
 * The (restrained, protected) pairs of an order, one per protected person in the order's own
 * order, so a pair's index is the protected person's ordinal. None while a draft has no
 * restrained person yet.
 */
export const personPairsOf = (details: DraftDetails): PersonPair[] => {
  const r = details.restrainedPerson;
  if (r === undefined) return [];
  const restrained = { last: r.name.last, first: r.name.first, dob: r.dateOfBirth ?? null };
  return (details.protectedPersons ?? []).map((p) => ({ restrained, protectedPerson: { last: p.name.last, first: p.name.first, dob: p.dateOfBirth ?? null } }));
};
