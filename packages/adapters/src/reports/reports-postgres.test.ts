import { Pool } from 'pg';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { describeReports } from './__tests__/describe-reports';

describeReports('PostgreSQL', async () => {
  const connection = testPostgresConfig();
  const schema = throwawaySchemaName('reports');
  const carposSchema = throwawaySchemaName('reportsgw');
  const pool = new Pool({ ...connection, max: 2 });
  const db = postgresDatabase(pool);
  await db.query(`CREATE SCHEMA "${carposSchema}"`);
  return {
    db,
    schema,
    carposSchema,
    dispose: async () => {
      await pool.end();
      await dropSchema(connection, schema);
      await dropSchema(connection, carposSchema);
    },
  };
});
