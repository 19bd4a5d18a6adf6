import type { OrderFacts, OrderState } from '@ccpor/domain';

/** What the access policy needs to know about an existing order. */
export const factsOf = (s: OrderState): OrderFacts => {
  if (s.status === 'none') return { sealed: false };
  if (s.status === 'discarded') return { ownerAgencyOri: s.enteringAgencyOri, sealed: false };
  return { ownerAgencyOri: s.enteringAgencyOri, assignedAgencies: s.details.assignedAgencies ?? [], sealed: s.details.sealed ?? false };
};
