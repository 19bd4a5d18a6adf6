import type { GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { applyOrderEvent } from '../src/projections/order-search-handlers';
import type { OrderSearchRow } from '../src/projections/order-search-row';
import type { Prng, SyntheticOrder } from '../../test-kit/src/synthetic';

/**
 * View rows for the search benchmark, made by the projection's own handler from an OrderAdded
 * event per synthetic order, so the keys and columns are exactly what the projector writes. The
 * benchmark loads these rows straight into the tables (no event log) to reach two million
 * orders in minutes; then it gives a share of them the statuses and FCNs their later events
 * would have set.
 */
export const benchRow = (order: SyntheticOrder, n: number, rng: Prng): OrderSearchRow => {
  const event: RecordedEvent = {
    streamId: `order-${order.orderId}`,
    streamVersion: 1,
    globalPosition: String(n).padStart(20, '0') as GlobalPosition,
    type: 'OrderAdded',
    schemaVersion: 1,
    data: {
      orderId: order.orderId,
      enteringAgencyOri: order.enteringAgencyOri,
      details: order.details,
      expiresAt: order.expiresAt,
      dojDeadline: order.details.issuedAt,
      source: { kind: 'registry' },
      fromDraft: false,
      addedAt: order.details.issuedAt,
    },
    metadata: {
      eventId: order.orderId,
      actor: { userId: 'bench', agencyOri: order.enteringAgencyOri, roles: ['clerk'], kind: 'system' },
      correlationId: order.orderId,
      recordedAt: order.details.issuedAt,
      previousHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    },
  };
  const row = applyOrderEvent(undefined, event)!;
  const r = rng.next();
  const fcn = rng.chance(0.7) ? `${order.details.court.county}1${String(n).padStart(10, '0')}` : null;
  return {
    ...row,
    status: r < 0.5 ? 'served' : r < 0.54 ? 'canceled' : 'active',
    fcn,
    doj_status: fcn === null ? 'none' : 'acknowledged',
  };
};
