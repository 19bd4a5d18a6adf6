import { afterAll } from '@jest/globals';
import { describeEventStoreContract } from '@ccpor/test-kit';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from './throwaway-schema';

const connection = testPostgresConfig();
const schema = throwawaySchemaName();

afterAll(() => dropSchema(connection, schema));

describeEventStoreContract(
  'PostgreSQL',
  async ({ upcaster }) => {
    const store = await PostgresEventStore.open({ connection, schema, pollIntervalMs: 200, ...(upcaster ? { upcaster } : {}) });
    return { store, dispose: () => store.close() };
  },
  { concurrentWriters: true },
);
