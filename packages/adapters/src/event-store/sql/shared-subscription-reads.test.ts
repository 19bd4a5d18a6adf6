import { describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { expectAny } from '@ccpor/domain';
import { freshStreamId, makeEvents, rightOf } from '@ccpor/test-kit';
import { PgliteEventStore } from '../pglite/pglite-event-store';

/**
 * Subscribers of one store that follow the head together (the registry's search projector and
 * identity view) share each page read: the log is read about as often for two of them as for
 * one, and each still receives every event, in order.
 */
const follow = async (subscribers: number, appends: number) => {
  const db = await PGlite.create();
  const original = db.query.bind(db);
  let logReads = 0;
  db.query = ((text: string, ...rest: unknown[]) => {
    if (/FROM\s+\S+\.events AS e\s+WHERE \(e\.transaction_id, e\.position\) >/.test(text)) logReads += 1;
    return (original as (t: string, ...r: unknown[]) => unknown)(text, ...rest);
  }) as typeof db.query;
  const store = await PgliteEventStore.open({ db, pollIntervalMs: 60_000 });
  const controller = new AbortController();
  const received: string[][] = Array.from({ length: subscribers }, () => []);
  const loops = received.map(async (into) => {
    for await (const event of store.subscribe({ signal: controller.signal })) {
      into.push(event.streamId);
      if (into.length === appends) return;
    }
  });
  const written: string[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = logReads;
    for (let i = 0; i < appends; i++) {
      const streamId = freshStreamId();
      written.push(streamId);
      rightOf(await store.append(streamId, makeEvents(1), expectAny));
      // Let the subscribers take the event before the next append.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const timeout = setTimeout(() => controller.abort(), 10_000);
    await Promise.all(loops);
    clearTimeout(timeout);
    return { received, written, reads: logReads - before };
  } finally {
    controller.abort();
    await store.close();
    await db.close();
  }
};

describe('subscriptions of one store share their page reads', () => {
  it('two subscribers at the head read the log about as often as one, and both get every event in order', async () => {
    const one = await follow(1, 30);
    const two = await follow(2, 30);
    expect(one.received[0]).toEqual(one.written);
    expect(two.received[0]).toEqual(two.written);
    expect(two.received[1]).toEqual(two.written);
    expect(one.reads).toBeGreaterThanOrEqual(30);
    expect(two.reads).toBeLessThan(one.reads * 1.5);
  }, 60_000);
});
