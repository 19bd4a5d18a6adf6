import { createReadStream } from 'node:fs';
import { importHistory, loadImportMapping, type HistoricalImportSummary, type SourceFormat } from '@ccpor/adapters';
import type { Actor } from '@ccpor/domain';
import { isLeft } from 'fp-ts/Either';
import type { Command } from 'commander';
import type { Config } from '../config/config';
import { openEventStore } from '../store/open-event-store';
import { randomIds } from '../store/system-ports';
import { rateBar } from './import-progress';

export interface HistoryCliOptions {
  readonly mapping: string;
  readonly rejects?: string;
  readonly checkpoint?: string;
  readonly format?: SourceFormat;
  readonly concurrency?: number;
  readonly checkpointEvery?: number;
  readonly json?: boolean;
}

const positive = (what: string) => (v: string) => {
  if (!/^[1-9]\d{0,6}$/.test(v)) throw new Error(`${what} must be a whole number from 1; got ${JSON.stringify(v)}`);
  return Number(v);
};

/** Lines in the file, to size the bar before parsing: one pass of plain reading, cheap next to the import. */
const countLines = async (path: string): Promise<number> => {
  let n = 0;
  for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) n += 1;
  return n;
};

export const historyReport = (r: HistoricalImportSummary, rejects: string, checkpoint: string): string =>
  [
    `${r.stopped ? 'Stopped' : 'Done'}: ${r.rowsRead} rows read${r.resumedAfterRow > 0 ? ` (resumed after row ${r.resumedAfterRow})` : ''} in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.rowsPerSecond} rows/s.`,
    `  imported ${r.imported}, already imported ${r.alreadyImported}, rejected ${r.rejected}, partial ${r.partial} (order in, service or cancellation refused).`,
    r.rejected + r.partial > 0 ? `  Problems, one line each with row, column and reason: ${rejects}` : '  No rejects.',
    r.stopped ? `  Run the same command again to resume from ${checkpoint}.` : '',
  ]
    .filter((l) => l !== '')
    .join('\n');

/**
 * `ccpor import history FILE --mapping M.json`: a court's older orders through the registry's
 * commands, resumable from its checkpoint. It needs only the event store: the search views catch
 * up when `serve` (or `projections rebuild`) next runs, rather than slowing the import.
 */
export const addHistoryImportCommand = (imports: Command, config: () => Config, actor: () => Actor, print: (s: string) => void): void => {
  imports
    .command('history <file>')
    .description('Import a court’s historical orders from CSV or JSON lines, with a mapping file for columns and codes')
    .requiredOption('--mapping <file>', 'the mapping file (columns, defaults, codes, dateFormat; see the adapters README)')
    .option('--rejects <file>', 'rejected rows, one JSON line per problem (default: <file>.rejects.jsonl)')
    .option('--checkpoint <file>', 'where progress is kept for resuming (default: <file>.checkpoint.json)')
    .option('--format <format>', 'csv or jsonl (default: from the extension)', (v: string) => {
      if (v !== 'csv' && v !== 'jsonl') throw new Error(`--format must be csv or jsonl; got ${JSON.stringify(v)}`);
      return v;
    })
    .option('--concurrency <n>', 'rows in flight at once (default 16)', positive('--concurrency'))
    .option('--checkpoint-every <n>', 'rows between checkpoints (default 2000)', positive('--checkpoint-every'))
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, o: HistoryCliOptions) => {
      const mapping = await loadImportMapping(o.mapping);
      if (isLeft(mapping)) throw new Error(`mapping ${o.mapping}: ${mapping.left}`);
      const rejects = o.rejects ?? `${file}.rejects.jsonl`;
      const checkpoint = o.checkpoint ?? `${file}.checkpoint.json`;
      const total = Math.max(0, (await countLines(file)) - ((o.format ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv')) === 'csv' ? 1 : 0));
      const { store } = await openEventStore(config().store);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const bar = rateBar('importing history', 'rows', total);
      try {
        const summary = await importHistory({
          input: file,
          ...(o.format !== undefined ? { format: o.format } : {}),
          mapping: mapping.right,
          eventStore: store,
          ids: randomIds,
          actor: actor(),
          rejects,
          checkpoint,
          ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
          ...(o.checkpointEvery !== undefined ? { checkpointEvery: o.checkpointEvery } : {}),
          signal: stop.signal,
          progress: (p) => bar.update(p.rowsRead, p.rowsPerSecond, `rejected ${p.rejected}`),
        });
        bar.update(summary.rowsRead, summary.rowsPerSecond, `rejected ${summary.rejected}`);
        bar.stop();
        print(o.json ? JSON.stringify({ ...summary, rejects, checkpoint }, null, 2) : historyReport(summary, rejects, checkpoint));
        if (summary.stopped) process.exitCode = 130;
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
};
