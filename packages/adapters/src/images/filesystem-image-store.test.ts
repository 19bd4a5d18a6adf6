import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/Either';
import { chunked, imageStoreContract, samplePdf } from '@ccpor/test-kit';
import { FilesystemImageStore } from './filesystem-image-store';

imageStoreContract('filesystem', async ({ limitBytes }) => {
  const root = await mkdtemp(join(tmpdir(), 'ccpor-images-'));
  return { store: await FilesystemImageStore.open({ root, limitBytes }), dispose: () => rm(root, { recursive: true, force: true }) };
});

describe('FilesystemImageStore layout', () => {
  it('shards blobs as ab/cd/<sha256> with a metadata sidecar and leaves no temporary file behind', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ccpor-images-'));
    try {
      const store = await FilesystemImageStore.open({ root });
      const result = await store.put(chunked(samplePdf(2, 'layout')));
      if (!isRight(result)) throw new Error('put failed');
      const { sha256 } = result.right;
      const blob = join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
      expect((await stat(blob)).size).toBe(result.right.bytes);
      expect((await readdir(join(blob, '..'))).sort()).toEqual([sha256, `${sha256}.json`]);
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('removes stale uploads a crash left in tmp when it opens, and keeps recent ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ccpor-images-'));
    try {
      await FilesystemImageStore.open({ root });
      await writeFile(join(root, 'tmp', 'old.part'), 'x');
      await writeFile(join(root, 'tmp', 'recent.part'), 'y');
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      await utimes(join(root, 'tmp', 'old.part'), twoHoursAgo, twoHoursAgo);
      await FilesystemImageStore.open({ root });
      expect(await readdir(join(root, 'tmp'))).toEqual(['recent.part']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
