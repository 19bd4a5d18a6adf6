import { beforeAll, describe, expect, it } from '@jest/globals';
import { ORDER_EVENT_TYPES, type RecordedEvent } from '@ccpor/domain';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { lifecycleCommands, ORDER_A, ORDER_B, ORDER_C, ORDER_D, ORDER_E, runCommands } from './__tests__/order-histories';
import { applyOrderEvent, UnreadableEventError } from './order-search-handlers';
import type { OrderSearchRow } from './order-search-row';
import { partyPairRows } from './party-pairs';
import { protectedPersonRows } from './protected-person-rows';
import { statisticsBucket } from './statistics-bucket';

let events: readonly RecordedEvent[];

beforeAll(async () => {
  const store = new InMemoryEventStore();
  await runCommands(store, lifecycleCommands());
  events = await store.readAll({ maxCount: 1000 });
});

/** The row of `orderId` right after the first event of `type` on it (or after all its events). */
const rowAfter = (orderId: string, type?: string): OrderSearchRow => {
  let row: OrderSearchRow | undefined;
  for (const e of events) {
    if (e.streamId !== `order-${orderId}`) continue;
    row = applyOrderEvent(row, e);
    if (e.type === type) break;
  }
  if (!row) throw new Error(`no row for ${orderId}`);
  return row;
};

describe('order search handlers', () => {
  it('the scenario holds every order event type', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(ORDER_EVENT_TYPES));
  });

  it('the first service of an order that orders relinquishment sets the receipt due; the receipt clears it (docs/law/firearms.md)', () => {
    expect(rowAfter(ORDER_E, 'OrderAdded')).toMatchObject({ status: 'active', firearm_receipt_due: null });
    expect(rowAfter(ORDER_E, 'ServiceRecorded')).toMatchObject({ status: 'served', firearm_receipt_due: '2026-08-06T00:15:00-07:00', firearm_receipt_filed_at: null });
    expect(rowAfter(ORDER_E, 'CourtFilingRecorded')).toMatchObject({ firearm_receipt_due: '2026-08-06T00:15:00-07:00' });
    expect(rowAfter(ORDER_E)).toMatchObject({ firearm_receipt_due: null, firearm_receipt_filed_at: '2026-08-07T10:30:00-07:00' });
    // An order that does not order relinquishment never gets a due time.
    expect(rowAfter(ORDER_A, 'ServiceRecorded')).toMatchObject({ firearm_receipt_due: null });
  });

  it('DraftCreated starts a draft row with the details entered so far and the restrained person’s keys', () => {
    const row = rowAfter(ORDER_A, 'DraftCreated');
    expect(row).toMatchObject({
      order_id: ORDER_A,
      stream_version: 1,
      status: 'draft',
      entering_ori: 'CA019015J',
      form: 'DV-130',
      order_type: 'DV',
      stage: 'after-hearing',
      category: 'civil',
      court_ori: 'CA019015J',
      county: '19',
      case_number: '26FL-001234',
      case_key: '26FL001234',
      r_last: 'RIVERA',
      r_first: 'DANIEL',
      r_middle: 'JAMES',
      r_last_key: 'RIVERA',
      r_full_name: 'RIVERA DANIEL',
      r_nysiis: 'RAVAR',
      r_soundex: 'R160',
      r_metaphone: 'RFR',
      r_dob: '1988-07-14',
      r_sex: 'M',
      r_race: 'H',
      assigned_oris: ['CA0194200'],
      issued_at: null,
      doj_status: 'none',
    });
    expect(row.protected_persons).toHaveLength(2);
  });

  it('DraftUpdated sets the fields it carries and clears the ones it names', () => {
    const row = rowAfter(ORDER_A, 'DraftUpdated');
    expect(row).toMatchObject({ issued_at: '2026-03-02T10:15:00-08:00', sealed: true, stream_version: 2, r_last: 'RIVERA' });
  });

  it('ImageAttached on a draft counts the image, and the image stays when the order is added', () => {
    expect(rowAfter(ORDER_A, 'ImageAttached')).toMatchObject({ image_count: 1, image_shas: ['a'.repeat(64)] });
    const added = rowAfter(ORDER_A, 'OrderAdded');
    expect(added).toMatchObject({ status: 'active', image_count: 1, sealed: true, issued_at: '2026-03-02T10:15:00-08:00' });
    expect(added.expires_at).not.toBeNull();
  });

  it('ImageReplaced swaps the hash and ImageRemoved drops it', () => {
    expect(rowAfter(ORDER_A, 'ImageReplaced').image_shas).toEqual(['b'.repeat(64)]);
    expect(rowAfter(ORDER_A, 'ImageRemoved')).toMatchObject({ image_shas: ['b'.repeat(64)], image_count: 1 });
  });

  it('a DOJ acknowledgement records the FCN and NIC; review changes only the position; a rejection marks it', () => {
    expect(rowAfter(ORDER_A, 'DojAcknowledgementRecorded')).toMatchObject({ fcn: '2320000000001', nic: 'H123456789', doj_status: 'acknowledged' });
    const acknowledged = rowAfter(ORDER_A, 'DojAcknowledgementRecorded');
    const reviewed = rowAfter(ORDER_A, 'DojResponseReviewed');
    expect({ ...reviewed, stream_version: 0, last_position: '', last_recorded_at: '' }).toEqual({
      ...acknowledged,
      stream_version: 0,
      last_position: '',
      last_recorded_at: '',
    });
    expect(rowAfter(ORDER_A, 'DojRejectionRecorded').doj_status).toBe('rejected');
  });

  it('ServiceRecorded makes an active order served', () => {
    expect(rowAfter(ORDER_A, 'ServiceRecorded').status).toBe('served');
  });

  it('OrderModified replaces the restrained person (keys included) and the sealed flag', () => {
    expect(rowAfter(ORDER_A, 'OrderModified')).toMatchObject({
      r_last: 'RIVERA-LOPEZ',
      r_last_key: 'RIVERALOPEZ',
      r_middle: null,
      r_race: null,
      sealed: false,
      status: 'served',
    });
  });

  it('OrderRenewed moves the expiry and OrderCanceled cancels', () => {
    expect(rowAfter(ORDER_A, 'OrderRenewed').expires_at).toMatch(/^2034-03-0[23]T/);
    const canceled = rowAfter(ORDER_A, 'OrderCanceled');
    expect(canceled.status).toBe('canceled');
    expect(canceled.stream_version).toBe(events.filter((e) => e.streamId === `order-${ORDER_A}`).length);
  });

  it('DraftDiscarded keeps the row, as discarded', () => {
    expect(rowAfter(ORDER_B)).toMatchObject({ status: 'discarded', order_type: 'CH', r_last: 'NGUYEN' });
  });

  it('OrderCloned starts a draft that names its source', () => {
    expect(rowAfter(ORDER_C)).toMatchObject({ status: 'draft', cloned_from: ORDER_A, form: 'DV-110', stage: 'temporary', r_last: 'RIVERA' });
  });

  it('ignores an event it has already applied, returning the same row', () => {
    const row = rowAfter(ORDER_A);
    for (const e of events.filter((x) => x.streamId === `order-${ORDER_A}`)) expect(applyOrderEvent(row, e)).toBe(row);
  });

  it('ignores streams that are not orders and events for orders it never saw created', () => {
    const service = events.find((e) => e.type === 'ServiceRecorded')!;
    expect(applyOrderEvent(undefined, service)).toBeUndefined();
    expect(applyOrderEvent(undefined, { ...service, streamId: 'audit-1' })).toBeUndefined();
  });

  it('refuses an event it cannot read instead of skipping it', () => {
    const first = events[0]!;
    expect(() => applyOrderEvent(undefined, { ...first, type: 'SomethingNew' })).toThrow(UnreadableEventError);
    expect(() => applyOrderEvent(undefined, { ...first, schemaVersion: 2 })).toThrow(/schema version/);
  });
});

describe('rows derived from an order row', () => {
  it('protected persons get keys of their own', () => {
    const people = protectedPersonRows(rowAfter(ORDER_A));
    expect(people.map((p) => [p.ordinal, p.last_key, p.first_key, p.nysiis, p.dob, p.minor])).toEqual([
      [0, 'RIVERA', 'ANA', 'RAVAR', '1990-02-03', false],
      [1, 'RIVERA', 'SOFIA', 'RAVAR', '2015-05-06', true],
    ]);
  });

  it('the party index links two counties’ orders about the same pair through the phonetic key despite a typo', () => {
    const [la] = partyPairRows(rowAfter(ORDER_A, 'OrderAdded'));
    const [orange] = partyPairRows(rowAfter(ORDER_D));
    expect(la!.exact_key).not.toBe(orange!.exact_key);
    expect(la!.phonetic_key).toBe(orange!.phonetic_key);
    expect(la!.phonetic_key).toBe('RAVAR|D|1988-07-14#RAVAR|A|1990-02-03');
  });

  it('a discarded draft has no pairs; a protected person without DOB has no phonetic pair key', () => {
    expect(partyPairRows(rowAfter(ORDER_B))).toEqual([]);
    const row = rowAfter(ORDER_A, 'OrderAdded');
    const noDob = { ...row, protected_persons: [{ ...row.protected_persons[0]!, dob: null }] };
    expect(partyPairRows(noDob)[0]).toMatchObject({ exact_key: 'RIVERA|DANIEL|1988-07-14#RIVERA|ANA|-', phonetic_key: null });
  });

  it('the statistics bucket keeps the stored status and the expiry month only for orders in force', () => {
    expect(statisticsBucket(rowAfter(ORDER_A, 'OrderAdded'))).toMatchObject({
      county: '19',
      order_type: 'DV',
      stage: 'after-hearing',
      status: 'active',
      issue_month: '2026-03',
      expiry_month: '2029-03',
    });
    expect(statisticsBucket(rowAfter(ORDER_A)).expiry_month).toBe('');
    expect(statisticsBucket(rowAfter(ORDER_C))).toMatchObject({ status: 'draft', issue_month: '', county: '19' });
  });
});
