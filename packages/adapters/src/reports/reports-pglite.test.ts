import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import { pgliteViewExtensions } from '../projections/pglite-view-extensions';
import { describeReports } from './__tests__/describe-reports';

describeReports('PGlite', async () => {
  const pglite = await PGlite.create({ extensions: pgliteViewExtensions });
  const db = pgliteDatabase(pglite);
  await db.query('CREATE SCHEMA gw');
  return { db, schema: 'views', carposSchema: 'gw', dispose: () => pglite.close() };
});
