import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { left, right, type Either } from 'fp-ts/Either';
import type { ImageStoreError } from '@ccpor/domain';
import { SNIFF_BYTES } from './media-sniffer';

/** An upload written to a temporary file: its hash and size are known, nothing is validated yet. */
export interface StagedFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The first bytes, for content sniffing. */
  readonly head: Uint8Array;
  /** Deletes the temporary file (harmless once it has been renamed away). */
  discard(): Promise<void>;
}

/**
 * Streams `content` into a new file under `dir`, hashing as it goes, and stops as soon as the
 * size passes `limitBytes`: an upload never sits in memory whole, and an oversized one costs
 * at most the limit in disk. The file is fsynced, so a later rename publishes durable bytes.
 */
export const stageUpload = async (
  content: AsyncIterable<Uint8Array>,
  dir: string,
  limitBytes: number,
): Promise<Either<ImageStoreError, StagedFile>> => {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload-${process.pid}-${randomBytes(8).toString('hex')}.part`);
  const discard = () => rm(path, { force: true });
  const handle = await open(path, 'wx', 0o600);
  const hash = createHash('sha256');
  const head = Buffer.alloc(SNIFF_BYTES);
  let headLength = 0;
  let bytes = 0;
  // Failures of the source (a client that hangs up) are the upload's fault and come back as a
  // value; failures of our own disk (full, read-only) are thrown, after cleaning up.
  let ownFault = false;
  try {
    for await (const chunk of content) {
      bytes += chunk.length;
      if (bytes > limitBytes) {
        await handle.close();
        await discard();
        return left({ code: 'IMAGE_TOO_LARGE', limitBytes });
      }
      if (headLength < SNIFF_BYTES) {
        const take = Math.min(SNIFF_BYTES - headLength, chunk.length);
        head.set(chunk.subarray(0, take), headLength);
        headLength += take;
      }
      hash.update(chunk);
      ownFault = true;
      let written = 0;
      while (written < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
        written += bytesWritten;
      }
      ownFault = false;
    }
    ownFault = true;
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await discard();
    if (ownFault) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return left({ code: 'IMAGE_UNREADABLE', reason: `the upload could not be read: ${reason}` });
  }
  return right({ path, sha256: hash.digest('hex'), bytes, head: head.subarray(0, headLength), discard });
};
