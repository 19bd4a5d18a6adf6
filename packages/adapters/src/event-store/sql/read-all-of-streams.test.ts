import { afterAll, describe, expect, it } from '@jest/globals';
import { expectAny } from '@ccpor/domain';
import { makeEvents, rightOf } from '@ccpor/test-kit';
import { PgliteEventStore } from '../pglite/pglite-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../postgres/throwaway-schema';
import type { SqlEventStore } from './sql-event-store';

/**
 * `readAllOfStreams`: the log read with only some streams' events, by stream-id prefix, in log
 * order and paged as `readAll` is, on both SQL stores.
 */
const connection = testPostgresConfig();
const schema = throwawaySchemaName('prefixes');
afterAll(() => dropSchema(connection, schema));

const stores: [string, () => Promise<SqlEventStore>][] = [
  ['PGlite', () => PgliteEventStore.open()],
  ['PostgreSQL', () => PostgresEventStore.open({ connection, schema })],
];

describe.each(stores)('%s: readAllOfStreams', (_name, open) => {
  it('returns the matching streams’ events in log order, paged after a position, and nothing else', async () => {
    const store = await open();
    try {
      // Interleaved: order streams between the ones asked for, as in the registry's log.
      const written: string[] = [];
      for (let i = 0; i < 12; i++) {
        for (const stream of [`order-${i}`, i % 3 === 0 ? `agency-A${i}` : `user-u${i}`, `access-audit-${i}`]) {
          rightOf(await store.append(stream, makeEvents(1), expectAny));
          written.push(stream);
        }
      }
      const wanted = written.filter((s) => s.startsWith('agency-') || s.startsWith('user-'));
      // The global read shows an event once no older transaction is still running (the
      // notifier's own, on PostgreSQL, may be for a moment): wait until it shows them all.
      let everything = await store.readAll({ maxCount: 1000 });
      for (let tries = 0; everything.length < written.length && tries < 200; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        everything = await store.readAll({ maxCount: 1000 });
      }
      expect(everything).toHaveLength(written.length);
      const all = await store.readAllOfStreams({ prefixes: ['agency-', 'user-'], maxCount: 1000 });
      expect(all.map((e) => e.streamId)).toEqual(wanted);
      // The same events and positions as readAll gives them.
      expect(all.map((e) => e.globalPosition)).toEqual(everything.filter((e) => wanted.includes(e.streamId)).map((e) => e.globalPosition));

      const first = await store.readAllOfStreams({ prefixes: ['agency-', 'user-'], maxCount: 5 });
      const rest = await store.readAllOfStreams({ prefixes: ['agency-', 'user-'], after: first[4]!.globalPosition, maxCount: 1000 });
      expect([...first, ...rest].map((e) => e.streamId)).toEqual(wanted);
      // A prefix is a prefix, not a pattern: `_` and `%` match only themselves.
      expect(await store.readAllOfStreams({ prefixes: ['user_', '%'], maxCount: 1000 })).toEqual([]);
      expect(await store.readAllOfStreams({ prefixes: [], maxCount: 1000 })).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
