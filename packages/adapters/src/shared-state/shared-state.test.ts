import { Pool } from 'pg';
import { sharedStateContract } from '@ccpor/test-kit';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { memorySharedState } from './memory-shared-state';
import { openSqlSharedState } from './sql-shared-state';

sharedStateContract('in memory', async () => {
  const state = memorySharedState();
  return { a: state, b: state, dispose: async () => undefined };
});

sharedStateContract('PostgreSQL (two pools on one schema)', async () => {
  const config = testPostgresConfig();
  const schema = throwawaySchemaName('shared');
  const pools = [new Pool({ ...config, max: 4 }), new Pool({ ...config, max: 4 })];
  // Both open at once, as two processes starting together do: the migrations' lock orders them.
  const [a, b] = await Promise.all(pools.map((p) => openSqlSharedState(postgresDatabase(p), schema)));
  return {
    a: a!,
    b: b!,
    dispose: async () => {
      await Promise.all(pools.map((p) => p.end()));
      await dropSchema(config, schema);
    },
  };
});
