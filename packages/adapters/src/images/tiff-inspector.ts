import { open, type FileHandle } from 'node:fs/promises';
import { left, right, type Either } from 'fp-ts/Either';
import type { ImageStoreError } from '@ccpor/domain';
import { MAX_TIFF_PAGES } from './image-limits';

interface Layout {
  readonly littleEndian: boolean;
  /** BigTIFF: 8-byte offsets and counts, 20-byte entries. */
  readonly big: boolean;
}

const unreadable = (why: string): Either<ImageStoreError, number> => left({ code: 'IMAGE_UNREADABLE', reason: `the TIFF could not be read: ${why}` });

const readAt = async (handle: FileHandle, position: number, length: number): Promise<Buffer | undefined> => {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return bytesRead === length ? buffer : undefined;
};

const readOffset = (b: Buffer, at: number, layout: Layout): number => {
  if (!layout.big) return layout.littleEndian ? b.readUInt32LE(at) : b.readUInt32BE(at);
  const v = layout.littleEndian ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
};

/**
 * Counts the pages of a (multi-page) TIFF by walking its chain of image file directories with
 * positioned reads: only the header and each directory are read, never the pixel data. Each
 * directory must lie inside the file and be visited once, so a corrupt or looping chain is
 * refused instead of hanging the import.
 */
export const countTiffPages = async (path: string, size: number, layout: Layout): Promise<Either<ImageStoreError, number>> => {
  const handle = await open(path, 'r');
  try {
    const header = await readAt(handle, 0, layout.big ? 16 : 8);
    if (!header) return unreadable('TIFF header is truncated');
    const countBytes = layout.big ? 8 : 2;
    const entryBytes = layout.big ? 20 : 12;
    const offsetBytes = layout.big ? 8 : 4;
    let next = readOffset(header, layout.big ? 8 : 4, layout);
    const seen = new Set<number>();
    let pages = 0;
    while (next !== 0) {
      if (seen.has(next)) return unreadable(`TIFF directory chain loops back to offset ${next}`);
      if (next + countBytes > size) return unreadable(`TIFF directory ${pages + 1} starts outside the file (offset ${next})`);
      if (pages >= MAX_TIFF_PAGES) return unreadable(`TIFF has more than ${MAX_TIFF_PAGES} pages`);
      seen.add(next);
      const countBuf = await readAt(handle, next, countBytes);
      if (!countBuf) return unreadable(`TIFF directory ${pages + 1} is truncated`);
      const entries = layout.big ? readOffset(countBuf, 0, layout) : layout.littleEndian ? countBuf.readUInt16LE(0) : countBuf.readUInt16BE(0);
      if (entries === 0) return unreadable(`TIFF directory ${pages + 1} is empty`);
      const nextAt = next + countBytes + entries * entryBytes;
      const nextBuf = nextAt + offsetBytes <= size ? await readAt(handle, nextAt, offsetBytes) : undefined;
      if (!nextBuf) return unreadable(`TIFF directory ${pages + 1} runs past the end of the file`);
      pages += 1;
      next = readOffset(nextBuf, 0, layout);
    }
    return pages >= 1 ? right(pages) : unreadable('TIFF has no image directory');
  } finally {
    await handle.close();
  }
};
