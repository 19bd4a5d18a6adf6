/**
 * The little a SQL event store needs from a driver, so PostgreSQL (`pg`) and PGlite run
 * the very same statements. Rows come back as plain objects keyed by column name.
 */
export interface SqlSession {
  query<Row extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ readonly rows: readonly Row[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlSession {
  /** Runs `work` inside one transaction on one connection; commits on success, rolls back on error. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs a statement that is issued often with the same text; drivers that can prepare it
   * once per connection do (`pg` named statements), others just run it.
   */
  queryPrepared<Row extends Record<string, unknown>>(
    name: string,
    text: string,
    params: readonly unknown[],
  ): Promise<{ readonly rows: readonly Row[] }>;
}

/** A driver error as both `pg` and PGlite report it (fields of the PostgreSQL ErrorResponse). */
export interface PostgresError {
  readonly code: string;
  readonly constraint?: string;
}

export const isPostgresError = (error: unknown): error is PostgresError =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
