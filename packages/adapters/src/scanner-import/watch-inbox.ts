import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanFileResult } from './scan-outcome';
import { ScanImporter, type ScanImportOptions } from './scan-importer';

export interface WatchInboxOptions extends ScanImportOptions {
  /** A file is taken once its size and modification time have not changed for this long. Default 2 s. */
  readonly stableMs?: number;
  /** How often the inbox is looked at even without a file-system notification. Default 1 s. */
  readonly pollMs?: number;
  /**
   * A file that neither the convention nor an index describes waits this long for its index
   * export before it is quarantined as unmatched. Default 5 minutes.
   */
  readonly unmatchedAfterMs?: number;
  readonly signal: AbortSignal;
  /** Called for every file handled. */
  readonly onFile?: (result: ScanFileResult) => void;
  /** Called when a round fails (an index that does not parse, a full disk); the watcher keeps going. */
  readonly onError?: (error: unknown) => void;
}

interface Seen {
  size: number;
  mtimeMs: number;
  /** When this size and time were first observed. */
  since: number;
}

/**
 * Watches the inbox and imports each file once it has stopped growing, so a file the scanner
 * is still writing is never taken. fs.watch only wakes the watcher early; a poll catches the
 * events fs.watch misses (network shares, editors that rename). Resolves when `signal` aborts.
 */
export const watchInbox = async (options: WatchInboxOptions): Promise<void> => {
  const stableMs = options.stableMs ?? 2000;
  const pollMs = options.pollMs ?? 1000;
  const unmatchedAfterMs = options.unmatchedAfterMs ?? 300_000;
  const importer = await ScanImporter.open(options);
  const seen = new Map<string, Seen>();
  let wake: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  const debounce = () => {
    // A burst of events for one file wakes one round, a little later.
    setTimeout(() => wake?.(), Math.min(200, pollMs));
  };
  try {
    watcher = watch(options.inbox, debounce);
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined;
  }
  const aborted = new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener(
      'abort',
      () => {
        wake?.();
        resolve();
      },
      { once: true },
    );
  });
  try {
    while (!options.signal.aborted) {
      try {
        await importer.reloadIndex();
        const now = Date.now();
        const names = await importer.listInbox();
        for (const name of [...seen.keys()]) if (!names.includes(name)) seen.delete(name);
        for (const name of names) {
          if (options.signal.aborted) break;
          const info = await stat(join(options.inbox, name)).catch(() => undefined);
          if (!info) continue;
          const before = seen.get(name);
          if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
            seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
            continue;
          }
          if (now - before.since < stableMs) continue;
          const result = await importer.processFile(name, now - before.since < unmatchedAfterMs);
          if (result) {
            seen.delete(name);
            options.onFile?.(result);
          }
        }
      } catch (error) {
        options.onError?.(error);
      }
      await Promise.race([aborted, new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      })]);
    }
  } finally {
    watcher?.close();
    await importer.close();
  }
};
