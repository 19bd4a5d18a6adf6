import { createEventsMigration } from './0001-create-events.sql';
import { appendOneFunctionMigration } from './0002-append-one-function.sql';

export interface Migration {
  /** Sortable, never changed once released: it is what the migrations table records. */
  readonly id: string;
  /** SQL with `{{schema}}` where the schema name goes. */
  readonly sql: string;
}

/** Every migration of the event store, in the order they apply. Append only. */
export const eventStoreMigrations: readonly Migration[] = [createEventsMigration, appendOneFunctionMigration];
