import type { PoolConfig } from 'pg';

/**
 * Connection settings: `CCPOR_PG_URL` when set, otherwise `pg`'s own defaults, which read
 * PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE.
 */
export const postgresConfigFromEnv = (env: NodeJS.ProcessEnv = process.env, variable = 'CCPOR_PG_URL'): PoolConfig => {
  const url = env[variable];
  return url ? { connectionString: url } : {};
};
