import { afterAll, describe, expect, it } from '@jest/globals';
import { Pool } from 'pg';
import { runMigrations } from '../../sql/migration-runner';
import { eventStoreMigrations } from '../sql/migrations';
import type { Migration } from '../../sql/migration';
import { postgresDatabase } from './postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from './throwaway-schema';

const config = testPostgresConfig();
const pools: Pool[] = [];
const schemas: string[] = [];

const openPool = (): Pool => {
  const pool = new Pool({ ...config, max: 2 });
  pools.push(pool);
  return pool;
};
const freshSchema = (): string => {
  const schema = throwawaySchemaName('mig');
  schemas.push(schema);
  return schema;
};

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  for (const schema of schemas) await dropSchema(config, schema);
});

const tables = async (pool: Pool, schema: string): Promise<string[]> =>
  (await pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema])).rows.map(
    (r) => r.table_name,
  );

// A slow first migration makes concurrent runners overlap for real.
const slowMigrations: readonly Migration[] = [
  { id: '0001-slow', sql: 'CREATE TABLE {{schema}}.first (id integer); SELECT pg_sleep(0.3);' },
  { id: '0002-second', sql: 'CREATE TABLE {{schema}}.second (id integer);' },
];

describe('migration runner (PostgreSQL)', () => {
  it('applies the event-store migrations once; a re-run applies nothing', async () => {
    const pool = openPool();
    const db = postgresDatabase(pool);
    const schema = freshSchema();
    const first = await runMigrations(db, schema, eventStoreMigrations);
    expect(first).toEqual({ applied: eventStoreMigrations.map((m) => m.id), skipped: [] });
    expect(await tables(pool, schema)).toEqual(['events', 'schema_migrations']);
    const second = await runMigrations(db, schema, eventStoreMigrations);
    expect(second).toEqual({ applied: [], skipped: eventStoreMigrations.map((m) => m.id) });
    const recorded = await pool.query<{ id: string }>(`SELECT id FROM "${schema}".schema_migrations ORDER BY id`);
    expect(recorded.rows.map((r) => r.id)).toEqual(eventStoreMigrations.map((m) => m.id));
  });

  it('applies only what is new when migrations are added later', async () => {
    const pool = openPool();
    const db = postgresDatabase(pool);
    const schema = freshSchema();
    expect((await runMigrations(db, schema, slowMigrations.slice(0, 1))).applied).toEqual(['0001-slow']);
    expect(await runMigrations(db, schema, slowMigrations)).toEqual({ applied: ['0002-second'], skipped: ['0001-slow'] });
    expect(await tables(pool, schema)).toEqual(['first', 'schema_migrations', 'second']);
  });

  it('lets concurrent runners on separate connections apply each migration exactly once', async () => {
    const schema = freshSchema();
    const reports = await Promise.all(Array.from({ length: 6 }, () => runMigrations(postgresDatabase(openPool()), schema, slowMigrations)));
    const applied = reports.flatMap((r) => r.applied);
    expect(applied).toEqual(['0001-slow', '0002-second']);
    expect(reports.filter((r) => r.applied.length > 0)).toHaveLength(1);
    for (const report of reports.filter((r) => r.applied.length === 0)) expect(report.skipped).toEqual(['0001-slow', '0002-second']);
  });

  it('rolls the whole run back when a migration fails', async () => {
    const pool = openPool();
    const schema = freshSchema();
    const broken: readonly Migration[] = [
      { id: '0001-fine', sql: 'CREATE TABLE {{schema}}.fine (id integer);' },
      { id: '0002-broken', sql: 'CREATE TABLE {{schema}}.broken (id no_such_type);' },
    ];
    await expect(runMigrations(postgresDatabase(pool), schema, broken)).rejects.toThrow(/no_such_type/);
    expect(await tables(pool, schema)).toEqual([]);
    // Fixed, it applies from the start.
    const fixed = [broken[0]!, { id: '0002-broken', sql: 'CREATE TABLE {{schema}}.broken (id integer);' }];
    expect((await runMigrations(postgresDatabase(pool), schema, fixed)).applied).toEqual(['0001-fine', '0002-broken']);
  });

  it('refuses migrations out of order and unsafe schema names', async () => {
    const db = postgresDatabase(openPool());
    expect(() => runMigrations(db, freshSchema(), [...slowMigrations].reverse())).toThrow(/ascending order/);
    expect(() => runMigrations(db, 'bad"; DROP SCHEMA public; --', slowMigrations)).toThrow(/invalid schema name/);
  });
});
