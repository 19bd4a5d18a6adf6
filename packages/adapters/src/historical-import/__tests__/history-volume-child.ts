/**
 * The 100,000-row import in its own process: `node -r @swc-node/register history-volume-child.ts
 * <dir> <rows>`. Outside jest's module sandbox the same code runs several times faster (the
 * domain's date arithmetic is most of the difference), which is what keeps a 100,000-row test
 * inside CI's budget. Prints one `result <json>` line with the summary and what the log holds.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryEventStore } from '../../event-store/memory/in-memory-event-store';
import { importHistory } from '../import-history';
import { ETL_ACTOR, LEGACY_MAPPING, writeLegacyCsv } from './history-rows';

const [dir, rowsArg] = process.argv.slice(2) as [string, string];
const rows = Number(rowsArg);

const main = async () => {
  const input = join(dir, 'volume.csv');
  await writeLegacyCsv(input, rows);
  const eventStore = new InMemoryEventStore();
  let progressCalls = 0;
  const summary = await importHistory({
    input,
    mapping: LEGACY_MAPPING,
    eventStore,
    ids: { newId: () => randomUUID() },
    actor: ETL_ACTOR,
    rejects: join(dir, 'volume-rejects.jsonl'),
    checkpoint: join(dir, 'volume-checkpoint.json'),
    now: () => '2026-04-01T12:00:00Z',
    progress: () => (progressCalls += 1),
  });
  const types = new Map<string, number>();
  const streams = new Set<string>();
  const sources = new Set<string>();
  for (let after: string | undefined; ; ) {
    const page = await eventStore.readAll({ maxCount: 50_000, ...(after !== undefined ? { after: after as never } : {}) });
    for (const e of page) {
      types.set(e.type, (types.get(e.type) ?? 0) + 1);
      if (e.type === 'OrderAdded') {
        streams.add(e.streamId);
        sources.add((e.data as { source: { sourceRecordId: string } }).source.sourceRecordId);
      }
    }
    if (page.length < 50_000) break;
    after = page[page.length - 1]!.globalPosition;
  }
  process.stdout.write(`result ${JSON.stringify({ summary, progressCalls, types: Object.fromEntries(types), streams: streams.size, sources: sources.size })}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
