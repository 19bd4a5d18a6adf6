import { open, readFile } from 'node:fs/promises';
import { left, right, type Either } from 'fp-ts/Either';
import { PDFDocument } from 'pdf-lib';
import type { ImageStoreError } from '@ccpor/domain';

/** The PDF specification lets readers look for `%%EOF` in the last 1024 bytes. */
const TRAILER_WINDOW = 1024;

const unreadable = (reason: string): Either<ImageStoreError, number> => left({ code: 'IMAGE_UNREADABLE', reason });

const hasEofMarker = async (path: string, size: number): Promise<boolean> => {
  const handle = await open(path, 'r');
  try {
    const length = Math.min(TRAILER_WINDOW, size);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    return tail.includes('%%EOF', 0, 'latin1');
  } finally {
    await handle.close();
  }
};

/**
 * Counts the pages of a PDF held in a file. A scan cut short by a full disk or a killed
 * scanner job lacks its `%%EOF` trailer and is refused before parsing. The page count comes
 * from the page tree as pdf-lib reads it (object streams and cross-reference streams
 * included), which needs the file in memory: the size limit bounds that.
 */
export const countPdfPages = async (path: string, size: number): Promise<Either<ImageStoreError, number>> => {
  if (!(await hasEofMarker(path, size))) return unreadable('PDF has no %%EOF trailer (truncated or not finished writing)');
  let pages: number;
  try {
    const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true });
    pages = doc.getPageCount();
  } catch (error) {
    return unreadable(`PDF cannot be parsed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return pages >= 1 ? right(pages) : unreadable('PDF has no pages');
};
