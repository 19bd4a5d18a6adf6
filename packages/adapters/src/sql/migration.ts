/** A schema change, applied once per schema by runMigrations (migration-runner.ts). */
export interface Migration {
  /** Sortable, never changed once released: it is what the migrations table records. */
  readonly id: string;
  /** SQL with `{{schema}}` where the schema name goes. */
  readonly sql: string;
}
