import { expectAny } from '@ccpor/domain';
import { makeEvents } from '@ccpor/test-kit';
import { PgliteEventStore } from '../event-store/pglite/pglite-event-store';
import { runMigrations } from '../sql/migration-runner';
import { deliveryMigrations } from './delivery-migrations';
import { DeliveryOutbox } from './delivery-outbox';
import { LogFeeder } from './log-feeder';

describe('log feeder', () => {
  it('writes each event’s row once though a batch fails half-way and is read again, and starts at the head when asked', async () => {
    const store = await PgliteEventStore.open();
    const { db, schema } = store.sqlHome;
    await runMigrations(db, schema, deliveryMigrations);
    const outbox = new DeliveryOutbox(db, schema, 'feed-test');
    await store.append('before-1', makeEvents(2), expectAny);
    const late = new LogFeeder({ db, schema, eventStore: store, name: 'late', plan: async () => undefined, from: 'head' });
    let crash = true;
    const feeder = new LogFeeder({
      db,
      schema,
      eventStore: store,
      name: 'feed',
      batchSize: 3,
      plan: async (tx, events) => {
        await outbox.enqueue(tx, events.map((e) => ({ dedupeKey: e.metadata.eventId, target: 't', orderingKey: e.streamId, agencyOri: null, kind: e.type, payload: { id: e.metadata.eventId } })));
        // The process dies after writing rows, before the commit: the batch must roll back.
        if (crash) {
          crash = false;
          throw new Error('crash');
        }
      },
    });
    expect(await late.step()).toBe(0);
    await store.append('after-1', makeEvents(4), expectAny);
    await expect(feeder.step()).rejects.toThrow('crash');
    expect(await outbox.list()).toEqual([]);
    let read = 0;
    for (let n = await feeder.step(); n > 0; n = await feeder.step()) read += n;
    expect(read).toBe(6);
    expect((await outbox.list()).map((d) => (d.payload as { id: string }).id)).toHaveLength(6);
    // The late feeder began at the head: it sees only what came after it first looked.
    expect(await late.step()).toBe(4);
    await store.close();
  });
});
