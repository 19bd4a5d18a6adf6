import { resolve } from 'node:path';
import { importScans, watchInbox, type ScanFileResult, type ScanImportSummary } from '@ccpor/adapters';
import type { Actor } from '@ccpor/domain';
import type { Command } from 'commander';
import type { AppServices } from '../composition/services';
import type { Config } from '../config/config';
import { rateBar } from './import-progress';
import { viewOrderLookup } from '../scans/order-lookup';
import { besideInbox, courtProfiles } from '../scans/scan-inbox';

type WithServices = <T>(fn: (s: AppServices, c: Config) => Promise<T>) => Promise<T>;

export interface ScanCliOptions {
  readonly quarantine?: string;
  readonly archive?: string | false;
  readonly convention?: string;
  readonly index?: string[];
  readonly journal?: string;
  readonly drafts: boolean;
  /** false (--no-read-forms): new drafts are not pre-filled by reading their form. */
  readonly readForms?: boolean;
  readonly watch?: boolean;
  readonly stableMs?: number;
  readonly unmatchedAfterMs?: number;
  readonly json?: boolean;
}

const whole = (what: string) => (v: string) => {
  if (!/^\d{1,9}$/.test(v)) throw new Error(`${what} must be a whole number; got ${JSON.stringify(v)}`);
  return Number(v);
};

/** The report a clerk reads after a batch: counts, then every quarantined file and why. */
export const scanReport = (r: ScanImportSummary, quarantine: string): string => {
  const lines = [
    `${r.total} files in ${(r.durationMs / 1000).toFixed(1)} s: ${r.attached} attached to their orders, ${r.draftsCreated} new drafts for data entry, ${r.quarantinedFiles.length} quarantined${r.resumed > 0 ? `, ${r.resumed} finished from an interrupted run` : ''}.${r.draftsPrefilled + r.formsNotRead > 0 ? ` Forms read: ${r.draftsPrefilled} drafts pre-filled for review, ${r.formsNotRead} not read.` : ''}`,
  ];
  const byCode = Object.entries(r.quarantined).filter(([, n]) => n > 0);
  if (byCode.length > 0) lines.push(`Quarantined by reason: ${byCode.map(([code, n]) => `${code} ${n}`).join(', ')} (in ${quarantine}, each with a .reason.json).`);
  for (const f of r.quarantinedFiles) lines.push(`  ${f.code.padEnd(13)} ${f.fileName}: ${f.message}`);
  return lines.join('\n');
};

const oneLine = (r: ScanFileResult): string =>
  r.outcome.kind === 'quarantined'
    ? `quarantined ${r.fileName} (${r.outcome.code}): ${r.outcome.message}`
    : `${r.outcome.kind === 'attached' ? 'attached' : 'new draft'} ${r.fileName} → order ${r.outcome.orderId}`;

/**
 * `ccpor import scans DIR`: a batch from the scanning station, one-shot with a progress bar and a
 * report, or `--watch` to keep taking files as they are released (until SIGINT/SIGTERM).
 */
export const addScanImportCommand = (imports: Command, withServices: WithServices, actor: () => Actor, print: (s: string) => void): void => {
  imports
    .command('scans <dir>')
    .description('Import scanned order images from a folder (one file per order, named by a convention and/or listed in an index file)')
    .option('--quarantine <dir>', 'where refused files go, each with a .reason.json (default: <dir>-quarantine beside the inbox)')
    .option('--archive <dir>', 'where imported files go (default: <dir>-archive beside the inbox)')
    .option('--no-archive', 'delete imported files from the inbox instead of archiving them (the image is in the store)')
    .option('--convention <pattern>', 'file-name convention, e.g. "batch<any>_<caseNumber>-<formNumber>.<ext>" (default <courtORI>_<caseNumber>_<formNumber>_<yyyymmdd>.pdf)')
    .option('--index <file>', 'a CSV or XML index export mapping files to case and form numbers (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--journal <file>', 'the import journal (default: <quarantine>/.scan-import-journal.jsonl)')
    .option('--no-drafts', 'quarantine files without a matching order instead of creating drafts for data entry')
    .option('--no-read-forms', 'do not read the form of new drafts to pre-fill them (default: read them, unless CCPOR_SCAN_READ_FORMS=false)')
    .option('--watch', 'keep watching the folder and import files once the scanner has finished writing them')
    .option('--stable-ms <ms>', 'with --watch: a file is taken once unchanged this long (default 2000)', whole('--stable-ms'))
    .option('--unmatched-after-ms <ms>', 'with --watch: how long a file no convention or index describes waits for its index (default 300000)', whole('--unmatched-after-ms'))
    .option('--json', 'print the summary as JSON')
    .action((dir: string, o: ScanCliOptions) =>
      withServices(async (s) => {
        const quarantine = o.quarantine ?? besideInbox(dir, 'quarantine');
        const archive = o.archive === false ? undefined : (o.archive ?? besideInbox(dir, 'archive'));
        const common = {
          inbox: dir,
          quarantine,
          ...(archive !== undefined ? { archive } : {}),
          ...(o.convention !== undefined ? { convention: o.convention } : {}),
          ...(o.index !== undefined ? { index: o.index } : {}),
          ...(o.journal !== undefined ? { journal: o.journal } : {}),
          handler: s.commands,
          imageStore: s.images,
          findOrderByCaseAndForm: viewOrderLookup(s.search.views),
          actor: actor(),
          createDrafts: o.drafts,
          courtFor: courtProfiles(s),
          ...(s.config.formReading.readScans && o.readForms !== false ? { formReader: s.formReading } : {}),
        };
        if (o.watch) {
          const stop = new AbortController();
          const onSignal = () => stop.abort();
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          print(`Watching ${resolve(dir)} (quarantine ${resolve(quarantine)}); stop with Ctrl-C.`);
          try {
            await watchInbox({
              ...common,
              signal: stop.signal,
              ...(o.stableMs !== undefined ? { stableMs: o.stableMs } : {}),
              ...(o.unmatchedAfterMs !== undefined ? { unmatchedAfterMs: o.unmatchedAfterMs } : {}),
              onFile: (r) => print(oneLine(r)),
              onError: (e) => process.stderr.write(`ccpor: import round failed, retrying: ${e instanceof Error ? e.message : String(e)}\n`),
            });
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
          }
          print('Stopped watching.');
          return;
        }
        const started = Date.now();
        let bar: ReturnType<typeof rateBar> | undefined;
        const summary = await importScans({
          ...common,
          progress: (p) => {
            bar ??= rateBar('importing scans', 'files', p.total);
            bar.update(p.done, Math.round((p.done * 1000) / Math.max(1, Date.now() - started)), p.fileName);
          },
        });
        bar?.stop();
        if (o.json) {
          const { results: _results, ...rest } = summary;
          print(JSON.stringify(rest, null, 2));
        } else print(scanReport(summary, quarantine));
        // A batch with refused files needs a clerk's attention: say so to scripts too.
        if (summary.quarantinedFiles.length > 0) process.exitCode = 2;
      }),
    );
};
