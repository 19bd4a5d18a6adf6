import { sqlRelatedOrders } from '@ccpor/adapters';
import { createPartyConflicts, type PartyConflicts } from '@ccpor/domain';
import type { AppServices } from '../composition/services';

const instances = new WeakMap<AppServices, PartyConflicts>();

/**
 * The domain's party conflicts (ADR 0040) for a running registry, on the SQL views the search
 * service keeps current. Made on first use, so the composition root needs nothing new: the
 * views are its only dependency.
 */
export const partyConflictsOf = (s: AppServices): PartyConflicts => {
  let c = instances.get(s);
  if (c === undefined) {
    c = createPartyConflicts(sqlRelatedOrders(s.search.views.db, s.search.views.schema));
    instances.set(s, c);
  }
  return c;
};
