import { createEventsMigration } from './0001-create-events.sql';
import { appendOneFunctionMigration } from './0002-append-one-function.sql';
import type { Migration } from '../../../sql/migration';

/** Every migration of the event store, in the order they apply. Append only. */
export const eventStoreMigrations: readonly Migration[] = [createEventsMigration, appendOneFunctionMigration];
