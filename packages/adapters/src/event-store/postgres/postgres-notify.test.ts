import { afterAll, describe, expect, it } from '@jest/globals';
import { expectNoStream, type RecordedEvent } from '@ccpor/domain';
import { freshStreamId, makeEvents, rightOf } from '@ccpor/test-kit';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from './throwaway-schema';

// Two stores stand for two processes: the subscriber's store never sees the append locally,
// and its poll interval is far longer than the test, so only LISTEN/NOTIFY can wake it.
describe('PostgreSQL live subscriptions are woken by NOTIFY from another store', () => {
  const connection = testPostgresConfig();
  const schema = throwawaySchemaName('notify');
  afterAll(() => dropSchema(connection, schema));

  it('delivers an event appended elsewhere well before any poll', async () => {
    const writer = await PostgresEventStore.open({ connection, schema });
    const reader = await PostgresEventStore.open({ connection, schema, pollIntervalMs: 60_000 });
    const controller = new AbortController();
    try {
      const head = await reader.headPosition();
      const seen: RecordedEvent[] = [];
      const loop = (async () => {
        for await (const event of reader.subscribe({ ...(head === undefined ? {} : { after: head }), signal: controller.signal })) {
          seen.push(event);
          controller.abort();
        }
      })();
      // Let the subscription read its (empty) history and start listening.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const streamId = freshStreamId();
      const appendedAt = Date.now();
      rightOf(await writer.append(streamId, makeEvents(1), expectNoStream));
      const timeout = setTimeout(() => controller.abort(), 5_000);
      await loop;
      clearTimeout(timeout);
      expect(seen.map((e) => e.streamId)).toEqual([streamId]);
      expect(Date.now() - appendedAt).toBeLessThan(2_000);
    } finally {
      controller.abort();
      await reader.close();
      await writer.close();
    }
  });

  it('without NOTIFY the subscriber still catches up by polling', async () => {
    const writer = await PostgresEventStore.open({ connection, schema, notify: false });
    const reader = await PostgresEventStore.open({ connection, schema, pollIntervalMs: 100 });
    const controller = new AbortController();
    try {
      const head = await reader.headPosition();
      const streamId = freshStreamId();
      const seen: string[] = [];
      const loop = (async () => {
        for await (const event of reader.subscribe({ ...(head === undefined ? {} : { after: head }), signal: controller.signal })) {
          seen.push(event.streamId);
          controller.abort();
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 200));
      rightOf(await writer.append(streamId, makeEvents(1), expectNoStream));
      const timeout = setTimeout(() => controller.abort(), 5_000);
      await loop;
      clearTimeout(timeout);
      expect(seen).toEqual([streamId]);
    } finally {
      controller.abort();
      await reader.close();
      await writer.close();
    }
  });
});
