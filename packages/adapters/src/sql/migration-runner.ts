import type { Migration } from './migration';
import { assertSchemaName, inSchema } from './schema-name';
import type { SqlDatabase } from './sql-database';

export interface MigrationReport {
  /** Ids applied by this run, in order. */
  readonly applied: readonly string[];
  /** Ids that an earlier run had applied already. */
  readonly skipped: readonly string[];
}

const assertOrdered = (migrations: readonly Migration[]): void => {
  for (let i = 1; i < migrations.length; i++) {
    if (!(migrations[i - 1]!.id < migrations[i]!.id)) {
      throw new Error(`migrations must have unique ids in ascending order: ${migrations[i - 1]!.id} then ${migrations[i]!.id}`);
    }
  }
};

/**
 * Brings `schema` up to date. Everything happens in one transaction that first takes an
 * advisory lock keyed on the schema, so concurrent runners (several app instances starting
 * at once) queue up: the first applies what is missing, the others then find nothing to do.
 * A failing migration rolls back the whole run, leaving the schema as it was.
 */
export const runMigrations = (db: SqlDatabase, schema: string, migrations: readonly Migration[]): Promise<MigrationReport> => {
  assertSchemaName(schema);
  assertOrdered(migrations);
  const sql = (template: string): string => inSchema(template, schema);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ccpor-migrations:${schema}`]);
    await tx.exec(sql('CREATE SCHEMA IF NOT EXISTS {{schema}}'));
    await tx.exec(
      sql(`CREATE TABLE IF NOT EXISTS {{schema}}.schema_migrations (
        id text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`),
    );
    const done = new Set((await tx.query<{ id: string }>(sql('SELECT id FROM {{schema}}.schema_migrations'))).rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await tx.exec(sql(migration.sql));
      await tx.query(sql('INSERT INTO {{schema}}.schema_migrations (id) VALUES ($1)'), [migration.id]);
      applied.push(migration.id);
    }
    return { applied, skipped: migrations.filter((m) => done.has(m.id)).map((m) => m.id) };
  });
};
