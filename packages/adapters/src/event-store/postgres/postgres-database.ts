import type { Pool, PoolClient } from 'pg';
import type { SqlDatabase, SqlSession } from '../../sql/sql-database';

type Rows<Row> = Promise<{ readonly rows: readonly Row[] }>;

const sessionOf = (client: PoolClient): SqlSession => ({
  query: <Row extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Rows<Row> =>
    client.query<Row>(text, params ? [...params] : undefined),
  exec: async (script) => {
    // Without parameters `pg` uses the simple query protocol, which accepts several statements.
    await client.query(script);
  },
});

/** SqlDatabase over a `pg` pool: single statements go to any pooled connection. */
export const postgresDatabase = (pool: Pool): SqlDatabase => ({
  query: <Row extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Rows<Row> =>
    pool.query<Row>(text, params ? [...params] : undefined),
  queryPrepared: <Row extends Record<string, unknown>>(name: string, text: string, params: readonly unknown[]): Rows<Row> =>
    pool.query<Row>({ name, text, values: [...params] }),
  exec: async (script) => {
    await pool.query(script);
  },
  transaction: async (work) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(sessionOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back is not fit to return to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  },
});
