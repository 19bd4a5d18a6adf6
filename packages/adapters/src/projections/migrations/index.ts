import type { Migration } from '../../sql/migration';
import { checkpointsMigration } from './0001-checkpoints.sql';
import { orderSearchMigration } from './0002-order-search.sql';
import { partyIndexMigration } from './0003-party-index.sql';
import { orderStatisticsMigration } from './0004-order-statistics.sql';
import { orderSearchAgencyMigration } from './0005-order-search-agency.sql';
import { orderProvisionsMigration } from './0006-order-provisions.sql';
import { relatedOrdersFunctionsMigration } from './0007-related-orders-functions.sql';
import { hiddenOrdersMigration } from './0008-hidden-orders-and-image-holders.sql';
import { firearmReceiptsMigration } from './0009-firearm-receipts.sql';
import { reportViewsMigration } from './0010-report-views.sql';

/**
 * The read side's migrations, applied by the shared runner (`runMigrations`) into the schema
 * that holds the views; their ids carry a `views-` prefix so they can share a schema, and its
 * `schema_migrations` table, with the event log. Append only (0007's id changes with its text, see there).
 */
export const viewMigrations: readonly Migration[] = [
  checkpointsMigration,
  orderSearchMigration,
  partyIndexMigration,
  orderStatisticsMigration,
  orderSearchAgencyMigration,
  orderProvisionsMigration,
  relatedOrdersFunctionsMigration,
  hiddenOrdersMigration,
  firearmReceiptsMigration,
  reportViewsMigration,
];
