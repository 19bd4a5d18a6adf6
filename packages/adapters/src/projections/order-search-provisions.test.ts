import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@ccpor/domain';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { command, draftDetailsA, LA_COURT, ORDER_D, runCommands } from './__tests__/order-histories';
import { applyOrderEvent } from './order-search-handlers';
import type { OrderSearchRow } from './order-search-row';

/** The provisions column follows the order's provisions through drafting, adding and modification (ADR 0040). */
let rows: OrderSearchRow[];

beforeAll(async () => {
  const store = new InMemoryEventStore();
  await runCommands(store, [
    command(ORDER_D, '2026-03-02T10:20:00-08:00', { type: 'CreateDraft', enteringAgencyOri: LA_COURT.ori, details: { ...draftDetailsA, provisions: [{ kind: 'no-contact' }] } }),
    command(ORDER_D, '2026-03-02T10:25:00-08:00', { type: 'UpdateDraft', details: {}, clear: ['provisions'] }),
    command(ORDER_D, '2026-03-02T10:30:00-08:00', { type: 'UpdateDraft', details: { issuedAt: '2026-03-02T10:15:00-08:00', provisions: [{ kind: 'peaceful-contact-only' }] } }),
    command(ORDER_D, '2026-03-02T11:00:00-08:00', { type: 'AddOrder', enteringAgencyOri: LA_COURT.ori }),
    command(ORDER_D, '2026-04-01T10:00:00-07:00', { type: 'ModifyOrder', changes: { provisions: [{ kind: 'stay-away', distanceYards: 200, places: ['home'] }] } }),
    command(ORDER_D, '2026-04-02T10:00:00-07:00', { type: 'ModifyOrder', changes: { terms: 'Amended wording only.' } }),
  ]);
  const events: readonly RecordedEvent[] = await store.readAll({ maxCount: 100 });
  let row: OrderSearchRow | undefined;
  rows = events.map((e) => (row = applyOrderEvent(row, e)!));
});

describe('order_search.provisions', () => {
  it('is set on the draft, cleared, set again, kept when added, replaced by a modification and kept by one that does not name it', () => {
    expect(rows.map((r) => r.provisions)).toEqual([
      [{ kind: 'no-contact' }],
      [],
      [{ kind: 'peaceful-contact-only' }],
      [{ kind: 'peaceful-contact-only' }],
      [{ kind: 'stay-away', distanceYards: 200, places: ['home'] }],
      [{ kind: 'stay-away', distanceYards: 200, places: ['home'] }],
    ]);
  });
});
