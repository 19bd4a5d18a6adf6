import { afterAll, describe, expect, it } from '@jest/globals';
import { firstBrokenLink } from '@ccpor/test-kit';
import { killMidBurst } from '../crash-test/kill-mid-burst';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from './throwaway-schema';

describe('PostgreSQL store survives kill -9 of the writing process', () => {
  const connection = testPostgresConfig();
  const schema = throwawaySchemaName('kill');
  afterAll(() => dropSchema(connection, schema));

  it('keeps every acknowledged event, with an intact hash chain', async () => {
    // The child connects with the same settings, passed as a URL-free environment.
    const env = {
      ...process.env,
      ...(connection.connectionString ? { CCPOR_PG_URL: connection.connectionString } : {}),
      PGHOST: String(connection.host ?? ''),
      PGPORT: String(connection.port ?? ''),
      PGUSER: String(connection.user ?? ''),
      PGDATABASE: String(connection.database ?? ''),
    };
    const report = await killMidBurst(['postgres', schema], 1_000, 60_000, env);
    expect(report.signal).toBe('SIGKILL');

    const store = await PostgresEventStore.open({ connection, schema, migrate: false });
    try {
      const streams = [...new Set(report.acknowledged.map((a) => a.streamId))];
      expect(streams.length).toBeGreaterThan(1);
      for (const streamId of streams) {
        const events = await store.readStream(streamId);
        const byVersion = new Map(events.map((e) => [e.streamVersion, e.metadata.eventId]));
        for (const ack of report.acknowledged.filter((a) => a.streamId === streamId)) {
          expect(byVersion.get(ack.version)).toBe(ack.eventId);
        }
        expect(firstBrokenLink(events)).toBeNull();
      }
    } finally {
      await store.close();
    }
  }, 90_000);
});
