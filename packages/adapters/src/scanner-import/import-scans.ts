import type { ScanFileResult, ScanImportProgress, ScanImportSummary } from './scan-outcome';
import { summarize } from './scan-outcome';
import { ScanImporter, type ScanImportOptions } from './scan-importer';

export interface ImportScansOptions extends ScanImportOptions {
  /** Called after each file (the CLI draws its progress bar from it). */
  readonly progress?: (p: ScanImportProgress) => void;
}

/**
 * One-shot import of everything in the inbox (`ccpor import scans DIR`): the batch is
 * complete, so files are taken as they are. Re-running it is safe: finished files are gone
 * from the inbox, and files an interrupted run left behind are finished from the journal.
 */
export const importScans = async (options: ImportScansOptions): Promise<ScanImportSummary> => {
  const started = Date.now();
  const importer = await ScanImporter.open(options);
  const results: ScanFileResult[] = [];
  try {
    const files = await importer.listInbox();
    for (const [i, fileName] of files.entries()) {
      const result = await importer.processFile(fileName);
      if (!result) continue;
      results.push(result);
      options.progress?.({ done: i + 1, total: files.length, fileName, outcome: result.outcome.kind });
    }
  } finally {
    await importer.close();
  }
  return summarize(results, Date.now() - started);
};
