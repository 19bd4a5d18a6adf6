import { readFile } from 'node:fs/promises';
import { writeFileDurably } from '../images/fs-durability';

export interface ImportCounts {
  readonly imported: number;
  readonly alreadyImported: number;
  readonly rejected: number;
  /** Rows whose order went in but whose service or cancellation was refused (listed in the rejects file). */
  readonly partial: number;
}

/** How far an import got: every row up to `row` is committed, and the rejects file holds `rejectsBytes` bytes for them. */
export interface ImportCheckpoint {
  readonly input: string;
  readonly sourceSystem: string;
  readonly row: number;
  readonly rejectsBytes: number;
  readonly counts: ImportCounts;
  readonly at: string;
}

export const readCheckpoint = async (path: string): Promise<ImportCheckpoint | undefined> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ImportCheckpoint;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Written after the rows it covers are appended and their rejects fsynced; replaced atomically. */
export const writeCheckpoint = (path: string, checkpoint: ImportCheckpoint): Promise<void> =>
  writeFileDurably(path, `${JSON.stringify(checkpoint)}\n`, 'next');
