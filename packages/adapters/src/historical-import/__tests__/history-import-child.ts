/**
 * A historical import in its own process, for the crash test: `node -r @swc-node/register
 * history-import-child.ts <pglite-dir> <csv> <rejects> <checkpoint>`. Prints `rows <n>` as it
 * goes, so the test can SIGKILL it mid-run.
 */
import { randomUUID } from 'node:crypto';
import { PgliteEventStore } from '../../event-store/pglite/pglite-event-store';
import { importHistory } from '../import-history';
import { ETL_ACTOR, LEGACY_MAPPING } from './history-rows';

const [dataDir, input, rejects, checkpoint] = process.argv.slice(2) as [string, string, string, string];

const main = async () => {
  const eventStore = await PgliteEventStore.open({ dataDir });
  const summary = await importHistory({
    input,
    mapping: LEGACY_MAPPING,
    eventStore,
    ids: { newId: () => randomUUID() },
    actor: ETL_ACTOR,
    rejects,
    checkpoint,
    checkpointEvery: 100,
    progress: (p) => process.stdout.write(`rows ${p.imported + p.alreadyImported + p.rejected}\n`),
  });
  process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
  await eventStore.close();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
