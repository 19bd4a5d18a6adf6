import type { SqlDatabase } from './sql-database';

/**
 * A SQL database and schema where adapters keep their tables: on the PGlite and PostgreSQL
 * stores, the log's own, so the search views, images, outboxes and shared state commit in the
 * same database as the log (ADR 0083).
 */
export interface SqlHome {
  readonly db: SqlDatabase;
  readonly schema: string;
}
