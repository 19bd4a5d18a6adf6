import type { RecordedEvent } from '@ccpor/domain';
import { applyOrderEvent, orderIdOfStream } from './order-search-handlers';
import type { OrderSearchRow } from './order-search-row';

/**
 * Folds a batch of events into the rows they concern. `current` holds the rows as stored (any
 * order the batch touches that has a row); the result holds every touched order that has a row
 * afterwards. A row the batch did not change is returned as the very same object, so callers can
 * tell changed rows by identity.
 */
export const foldBatch = (
  current: ReadonlyMap<string, OrderSearchRow>,
  events: readonly RecordedEvent[],
  /** Called for each event that moved a row (not a replay), with the row before it: the event counters. */
  onApplied?: (before: OrderSearchRow | undefined, event: RecordedEvent) => void,
): Map<string, OrderSearchRow> => {
  const rows = new Map<string, OrderSearchRow>();
  for (const event of events) {
    const orderId = orderIdOfStream(event.streamId);
    if (orderId === undefined) continue;
    const before = rows.get(orderId) ?? current.get(orderId);
    const after = applyOrderEvent(before, event);
    if (after !== undefined) rows.set(orderId, after);
    if (after !== undefined && after !== before) onApplied?.(before, event);
  }
  return rows;
};
