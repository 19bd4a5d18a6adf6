import { randomBytes } from 'node:crypto';
import { Client, type PoolConfig } from 'pg';

/**
 * Connection settings for tests and benchmarks: CCPOR_TEST_PG_URL when set, otherwise the PG*
 * variables, falling back to the local trust-auth server the project's CI provides
 * (postgres@127.0.0.1:5432, database `test`).
 */
export const testPostgresConfig = (env: NodeJS.ProcessEnv = process.env): PoolConfig => {
  const url = env.CCPOR_TEST_PG_URL;
  if (url) return { connectionString: url };
  return {
    host: env.PGHOST ?? '127.0.0.1',
    port: Number(env.PGPORT ?? 5432),
    user: env.PGUSER ?? 'postgres',
    database: env.PGDATABASE ?? 'test',
    ...(env.PGPASSWORD ? { password: env.PGPASSWORD } : {}),
  };
};

/** A fresh, unique schema name, so concurrent test runs never share a log. */
export const throwawaySchemaName = (label = 'test'): string => `ccpor_${label}_${randomBytes(6).toString('hex')}`;

/** Drops a schema and everything in it. */
export const dropSchema = async (config: PoolConfig, schema: string): Promise<void> => {
  if (!/^ccpor_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  const client = new Client(config);
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};
