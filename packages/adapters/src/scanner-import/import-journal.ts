import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDirectory } from '../images/fs-durability';

export type JournalStep = 'started' | 'recorded' | 'quarantined' | 'finished';

export interface JournalEntry {
  readonly step: JournalStep;
  readonly sha256: string;
  readonly fileName: string;
  readonly at: string;
  /** For `recorded`: what the import did. For `quarantined`: the reason code. */
  readonly outcome?: string;
  readonly orderId?: string;
}

export const journalKey = (sha256: string, fileName: string): string => `${sha256}:${fileName}`;

/**
 * The scan import's memory, an append-only JSON-lines file. Each step is written and fsynced
 * before the next action, so after a crash the journal says how far every file got:
 * `started` (the image may be stored and commands may have run), `recorded` (the order has the
 * image; only the move out of the inbox is left), `quarantined`, `finished` (moved out).
 * A torn last line from a crash mid-write is ignored: its step is simply redone.
 */
export class ImportJournal {
  private readonly latest = new Map<string, JournalEntry>();
  /** sha256 → keys of files with that content whose import went through (recorded or finished). */
  private readonly imported = new Map<string, Set<string>>();

  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<ImportJournal> {
    await mkdir(dirname(path), { recursive: true });
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const handle = await open(path, 'a');
    await fsyncDirectory(dirname(path));
    const journal = new ImportJournal(handle);
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        journal.remember(JSON.parse(line) as JournalEntry);
      } catch {
        // A line cut short by a crash: the step it was recording had not been acknowledged.
      }
    }
    // A torn last line must not glue itself to the next entry.
    if (text.length > 0 && !text.endsWith('\n')) await handle.write('\n');
    return journal;
  }

  private remember(entry: JournalEntry): void {
    const key = journalKey(entry.sha256, entry.fileName);
    const previous = this.latest.get(key);
    // `finished` of a quarantined file keeps the quarantine as its outcome.
    this.latest.set(key, entry.step === 'finished' && previous ? { ...previous, step: 'finished', at: entry.at } : entry);
    if (entry.step === 'recorded') {
      const keys = this.imported.get(entry.sha256) ?? new Set<string>();
      keys.add(key);
      this.imported.set(entry.sha256, keys);
    }
  }

  latestFor(sha256: string, fileName: string): JournalEntry | undefined {
    return this.latest.get(journalKey(sha256, fileName));
  }

  /** Another file with the same content that was imported (not quarantined), if any. */
  importedUnderOtherName(sha256: string, fileName: string): string | undefined {
    const own = journalKey(sha256, fileName);
    for (const key of this.imported.get(sha256) ?? []) if (key !== own) return key.slice(65);
    return undefined;
  }

  async append(entry: JournalEntry): Promise<void> {
    await this.handle.write(`${JSON.stringify(entry)}\n`);
    await this.handle.datasync();
    this.remember(entry);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
