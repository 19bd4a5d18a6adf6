import { Pool } from 'pg';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { describeOrderProjection } from './__tests__/describe-order-projection';
import { migrateViews } from './migrate-views';

// PostgreSQL: log and views in one throw-away schema, dropped afterwards.
describeOrderProjection('PostgreSQL', async () => {
  const connection = testPostgresConfig();
  const schema = throwawaySchemaName('views');
  const store = await PostgresEventStore.open({ connection, schema, pollIntervalMs: 50 });
  const pool = new Pool({ ...connection, max: 4 });
  const db = postgresDatabase(pool);
  await migrateViews(db, schema);
  return {
    store,
    db,
    schema,
    dispose: async () => {
      await store.close();
      await pool.end();
      await dropSchema(connection, schema);
    },
  };
});
