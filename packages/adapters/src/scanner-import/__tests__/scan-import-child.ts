/**
 * A scan import in its own process, for the crash test: `node -r @swc-node/register
 * scan-import-child.ts <pglite-dir> <root>`. Prints `done <file>` after each file, so the
 * test can SIGKILL it in the middle of the next one.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createCommandHandler, type Actor } from '@ccpor/domain';
import { PgliteEventStore } from '../../event-store/pglite/pglite-event-store';
import { FilesystemImageStore } from '../../images/filesystem-image-store';
import { importScans } from '../import-scans';
import { eventStoreLookup } from './event-store-lookup';

const [dataDir, root] = process.argv.slice(2) as [string, string];
const actor: Actor = { userId: 'scan-batch', agencyOri: 'CA019015J', roles: ['clerk'], kind: 'system' };

const main = async () => {
  const eventStore = await PgliteEventStore.open({ dataDir });
  const handler = createCommandHandler({ eventStore, clock: { now: () => new Date().toISOString() }, ids: { newId: () => randomUUID() } });
  const summary = await importScans({
    inbox: join(root, 'inbox'),
    quarantine: join(root, 'quarantine'),
    archive: join(root, 'archive'),
    handler,
    imageStore: await FilesystemImageStore.open({ root: join(root, 'images') }),
    findOrderByCaseAndForm: eventStoreLookup(eventStore),
    actor,
    progress: (p) => process.stdout.write(`done ${p.fileName}\n`),
  });
  process.stdout.write(`summary ${JSON.stringify({ total: summary.total, attached: summary.attached, drafts: summary.draftsCreated, resumed: summary.resumed })}\n`);
  await eventStore.close();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
