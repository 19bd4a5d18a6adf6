import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { ByteRange, ImageMediaType, ImageStore, ImageStoreError, StoredImage } from '@ccpor/domain';
import { fsyncDirectory, renameDurably, writeFileDurably } from './fs-durability';
import { DEFAULT_IMAGE_LIMIT_BYTES } from './image-limits';
import { isSha256 } from './image-sha';
import { inspectImage } from './inspect-image';
import { stageUpload } from './staged-file';

export interface FilesystemImageStoreOptions {
  /** The store's root folder; blobs go to `<root>/ab/cd/<sha256>`, uploads in progress to `<root>/tmp`. */
  readonly root: string;
  readonly limitBytes?: number;
  /** Temporary files older than this are leftovers of a crash and are removed on open. Default one hour. */
  readonly staleTempMs?: number;
}

interface Sidecar {
  readonly mediaType: ImageMediaType;
  readonly pages: number;
  readonly bytes: number;
}

const notFound = (sha256: string): ImageStoreError => ({ code: 'IMAGE_NOT_FOUND', sha256 });

/** Reads that start past the end, or end before they start, are refused rather than clamped to nothing. */
export const checkRange = (range: ByteRange | undefined, size: number): Either<ImageStoreError, { start: number; end: number }> => {
  if (range === undefined) return right({ start: 0, end: size - 1 });
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end < range.start || range.start >= size) {
    return left({ code: 'IMAGE_UNREADABLE', reason: `byte range ${range.start}-${range.end} is outside the image (${size} bytes)` });
  }
  return right({ start: range.start, end: Math.min(range.end, size - 1) });
};

/**
 * Content-addressed image store on a local filesystem, the default beside the embedded event
 * store. An upload is staged in `<root>/tmp`, validated by content, then published by one
 * rename into its sharded folder; the metadata sidecar (`<sha>.json`) is published first, so a
 * blob that exists always has its metadata. Publishing the same content twice is a no-op.
 */
export class FilesystemImageStore implements ImageStore {
  private readonly tmp: string;
  private readonly limitBytes: number;

  private constructor(private readonly root: string, limitBytes: number) {
    this.tmp = join(root, 'tmp');
    this.limitBytes = limitBytes;
  }

  static async open(options: FilesystemImageStoreOptions): Promise<FilesystemImageStore> {
    const store = new FilesystemImageStore(options.root, options.limitBytes ?? DEFAULT_IMAGE_LIMIT_BYTES);
    await mkdir(store.tmp, { recursive: true });
    await store.sweepTemporaryFiles(options.staleTempMs ?? 3_600_000);
    return store;
  }

  /** `<root>/ab/cd/<sha256>`: 65,536 folders keep each one small even with millions of orders. */
  blobPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: AsyncIterable<Uint8Array>): Promise<Either<ImageStoreError, StoredImage>> {
    const staged = await stageUpload(content, this.tmp, this.limitBytes);
    if (isLeft(staged)) return staged;
    const file = staged.right;
    try {
      const existing = await this.stat(file.sha256);
      // Same bytes, same hash: the content was validated when it was first stored.
      if (existing) return right(existing);
      const inspected = await inspectImage(file.path, file.head, file.bytes);
      if (isLeft(inspected)) return inspected;
      const stored: StoredImage = { sha256: file.sha256, bytes: file.bytes, ...inspected.right };
      const target = this.blobPath(file.sha256);
      const shard = join(target, '..');
      await mkdir(shard, { recursive: true });
      const sidecar: Sidecar = { mediaType: stored.mediaType, pages: stored.pages, bytes: stored.bytes };
      await writeFileDurably(`${target}.json`, JSON.stringify(sidecar), randomBytes(6).toString('hex'));
      await renameDurably(file.path, target);
      return right(stored);
    } finally {
      await file.discard();
    }
  }

  async stat(sha256: string): Promise<StoredImage | undefined> {
    if (!isSha256(sha256)) return undefined;
    const target = this.blobPath(sha256);
    try {
      const [meta, info] = await Promise.all([readFile(`${target}.json`, 'utf8'), stat(target)]);
      const sidecar = JSON.parse(meta) as Sidecar;
      return { sha256, mediaType: sidecar.mediaType, pages: sidecar.pages, bytes: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Either<ImageStoreError, AsyncIterable<Uint8Array>>> {
    const found = await this.stat(sha256);
    if (!found) return left(notFound(sha256));
    const checked = checkRange(range, found.bytes);
    if (isLeft(checked)) return checked;
    return right(createReadStream(this.blobPath(sha256), { start: checked.right.start, end: checked.right.end, highWaterMark: 256 * 1024 }));
  }

  private async sweepTemporaryFiles(staleMs: number): Promise<void> {
    const now = Date.now();
    let removed = false;
    for (const name of await readdir(this.tmp)) {
      const path = join(this.tmp, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > staleMs) {
        await rm(path, { force: true });
        removed = true;
      }
    }
    if (removed) await fsyncDirectory(this.tmp);
  }
}
