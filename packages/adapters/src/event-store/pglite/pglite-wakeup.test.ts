import { describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { expectNoStream } from '@ccpor/domain';
import { freshStreamId, makeEvents, rightOf } from '@ccpor/test-kit';
import { PgliteEventStore } from './pglite-event-store';

// Every writer of a PGlite database is in this process, so an append through one store must
// wake a subscriber of another store on the same instance at once, with no polling.
describe('PGlite wakes subscribers of every store on the same instance', () => {
  it('delivers an append made through another store well before any poll', async () => {
    const db = await PGlite.create();
    const writer = await PgliteEventStore.open({ db });
    const reader = await PgliteEventStore.open({ db, pollIntervalMs: 60_000 });
    const controller = new AbortController();
    try {
      const seen: string[] = [];
      const loop = (async () => {
        for await (const event of reader.subscribe({ signal: controller.signal })) {
          seen.push(event.streamId);
          controller.abort();
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const streamId = freshStreamId();
      const appendedAt = Date.now();
      rightOf(await writer.append(streamId, makeEvents(1), expectNoStream));
      const timeout = setTimeout(() => controller.abort(), 5_000);
      await loop;
      clearTimeout(timeout);
      expect(seen).toEqual([streamId]);
      expect(Date.now() - appendedAt).toBeLessThan(1_000);
    } finally {
      controller.abort();
      await reader.close();
      await writer.close();
      await db.close();
    }
  }, 60_000);
});
