import * as E from 'fp-ts/Either';
import { fold, OrderEvent, type OrderFacts, type OrderState, type RecordedEvent } from '@ccpor/domain';

/**
 * A discarded draft keeps no details, but its history does: whether it was sealed is read from
 * the state it had before it was discarded, so its history stays as hidden as the draft was.
 */
const sealedBeforeDiscard = (events: readonly RecordedEvent[]): boolean => {
  const decoded: OrderEvent[] = [];
  for (const r of events) {
    if (r.type === 'DraftDiscarded') break;
    const d = OrderEvent.decode({ type: r.type, schemaVersion: r.schemaVersion, data: r.data });
    if (E.isLeft(d)) return true;
    decoded.push(d.right);
  }
  const before = fold(decoded);
  return before.status === 'draft' && (before.details.sealed ?? false);
};

/** What the access policy needs to know about an existing order (with its events, a discarded draft's sealing too). */
export const factsOf = (s: OrderState, events?: readonly RecordedEvent[]): OrderFacts => {
  if (s.status === 'none') return { sealed: false };
  if (s.status === 'discarded') return { ownerAgencyOri: s.enteringAgencyOri, sealed: events !== undefined && sealedBeforeDiscard(events), stage: 'discarded' };
  return {
    ownerAgencyOri: s.enteringAgencyOri,
    assignedAgencies: s.details.assignedAgencies ?? [],
    sealed: s.details.sealed ?? false,
    stage: s.status === 'draft' ? 'draft' : 'issued',
  };
};
