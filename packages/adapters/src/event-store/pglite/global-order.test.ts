import { describe, expect, it } from '@jest/globals';
import { expectAny, type GlobalPosition } from '@ccpor/domain';
import { makeEvents, rightOf } from '@ccpor/test-kit';
import { decodePosition } from '../sql/global-position';
import { PgliteEventStore } from './pglite-event-store';

// A fresh PGlite database starts its transaction ids in the 700s, so a few hundred appends
// cross from three to four digits: the log order must stay numeric there (sorting the ids
// as text would put 1000 before 999 and make a subscriber skip and repeat events).
describe('global order across a transaction-id digit boundary (PGlite)', () => {
  it('readAll pages and subscribe follow append order', async () => {
    const store = await PgliteEventStore.open({ pollIntervalMs: 50 });
    try {
      const appended: GlobalPosition[] = [];
      for (let i = 0; i < 400; i++) appended.push(rightOf(await store.append(`order-${i % 7}`, makeEvents(1), expectAny)).lastPosition);
      const ids = appended.map((p) => BigInt(decodePosition(p).transactionId));
      expect(ids.some((id) => id < 1000n)).toBe(true);
      expect(ids.some((id) => id >= 1000n)).toBe(true);

      const paged: GlobalPosition[] = [];
      for (let after: GlobalPosition | undefined; ; ) {
        const page = await store.readAll(after === undefined ? { maxCount: 37 } : { after, maxCount: 37 });
        paged.push(...page.map((e) => e.globalPosition));
        if (page.length < 37) break;
        after = page[page.length - 1]!.globalPosition;
      }
      expect(paged).toEqual(appended);
      expect([...paged].sort()).toEqual(paged);
      expect(await store.headPosition()).toBe(appended[appended.length - 1]);

      const controller = new AbortController();
      const seen: GlobalPosition[] = [];
      for await (const event of store.subscribe({ after: appended[100]!, signal: controller.signal })) {
        seen.push(event.globalPosition);
        if (seen.length === 299) controller.abort();
      }
      expect(seen).toEqual(appended.slice(101));
    } finally {
      await store.close();
    }
  }, 60_000);
});
