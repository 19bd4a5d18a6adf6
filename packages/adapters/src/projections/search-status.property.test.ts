import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { orderStatusAt, type RecordedEvent } from '@ccpor/domain';
import { historyArb } from '@ccpor/test-kit';
import { applyOrderEvent } from './order-search-handlers';
import type { OrderSearchRow } from './order-search-row';

/** Before any order the registry holds: the stored status, which never includes expiry (derived at query time). */
const BEFORE_EXPIRY = '1900-01-01T00:00:00Z';

const recorded = (orderId: string, events: readonly { type: string; schemaVersion: number; data: unknown }[]): RecordedEvent[] =>
  events.map((e, i) => ({
    streamId: `order-${orderId}`,
    streamVersion: i + 1,
    globalPosition: String(i + 1).padStart(20, '0') as RecordedEvent['globalPosition'],
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: {
      eventId: `e${i + 1}`,
      actor: { userId: 'u', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' },
      correlationId: 'c',
      recordedAt: '2026-03-02T19:00:00.000Z',
      previousHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    },
  }));

/**
 * Issue 14: the search view keeps its own status column, folded by its handlers. Whatever
 * history the decider accepts (drafts, adds, clones, modifications, services, cancels, images,
 * DOJ answers), that column must say what the domain's `orderStatusAt` says.
 */
describe('the search view’s status', () => {
  it('equals the domain’s status for every history the decider accepts', () => {
    fc.assert(
      fc.property(historyArb({ maxSteps: 12 }), (h) => {
        let row: OrderSearchRow | undefined;
        for (const e of recorded(h.orderId, h.events)) row = applyOrderEvent(row, e);
        expect(row?.status).toBe(orderStatusAt(h.state, BEFORE_EXPIRY));
      }),
      { numRuns: 300 },
    );
  });
});
