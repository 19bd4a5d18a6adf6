import { runMigrations, type MigrationReport } from '../sql/migration-runner';
import type { SqlDatabase } from '../sql/sql-database';
import { viewMigrations } from './migrations';

/**
 * Brings the read side's tables in `schema` up to date with the shared migration runner. On
 * PGlite the instance must have been created with the pg_trgm extension (`pgliteViewExtensions`).
 */
export const migrateViews = (db: SqlDatabase, schema: string): Promise<MigrationReport> => runMigrations(db, schema, viewMigrations);
