import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/Either';
import { expectAny, expectExact, expectNoStream } from '@ccpor/domain';
import { firstBrokenLink, freshStreamId, makeEvent, makeEvents, rightOf } from '@ccpor/test-kit';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from './throwaway-schema';

// Two stores stand for two processes, each grouping its own appends: their groups meet only
// in the database, where a lost race must surface per request (ON CONFLICT DO NOTHING) and
// never fail or corrupt the other requests of the group.
describe('grouped appends (PostgreSQL)', () => {
  const connection = testPostgresConfig();
  const schema = throwawaySchemaName('group');
  let a: PostgresEventStore;
  let b: PostgresEventStore;

  beforeAll(async () => {
    a = await PostgresEventStore.open({ connection, schema, appendGrouping: { maxInFlight: 2, maxGroup: 64 } });
    b = await PostgresEventStore.open({ connection, schema, appendGrouping: { maxInFlight: 2, maxGroup: 64 } });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropSchema(connection, schema);
  });

  it('`any` appends racing from two processes all land, in one unbroken chain per stream', async () => {
    const streams = Array.from({ length: 4 }, () => freshStreamId());
    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        const store = w % 2 === 0 ? a : b;
        for (let i = 0; i < 10; i++) {
          const event = makeEvent('GroupTest.Any', { w, i });
          rightOf(await store.append(streams[(w + i) % streams.length]!, [event], expectAny));
          written.push(event.metadata.eventId);
        }
      }),
    );
    const read = (await Promise.all(streams.map((s) => a.readStream(s)))).flat();
    expect(read.map((e) => e.metadata.eventId).sort()).toEqual([...written].sort());
    for (const streamId of streams) {
      const events = await a.readStream(streamId);
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
      expect(firstBrokenLink(events)).toBeNull();
    }
  });

  it('exactly one of many exact appends at one version wins, across both processes and inside groups', async () => {
    for (let round = 0; round < 5; round++) {
      const streamId = freshStreamId();
      rightOf(await a.append(streamId, makeEvents(1), expectNoStream));
      // Unrelated appends travel in the same groups and must not be disturbed.
      const bystanders = Array.from({ length: 8 }, () => freshStreamId());
      const [racers, others] = await Promise.all([
        Promise.all(Array.from({ length: 16 }, (_, w) => (w % 2 === 0 ? a : b).append(streamId, makeEvents(1), expectExact(1)))),
        Promise.all(bystanders.map((s, i) => (i % 2 === 0 ? a : b).append(s, makeEvents(1), expectNoStream))),
      ]);
      expect(racers.filter(isRight)).toHaveLength(1);
      for (const loser of racers.filter(isLeft)) expect(loser.left).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 2 });
      expect(others.every(isRight)).toBe(true);
      expect((await a.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2]);
    }
  });
});
