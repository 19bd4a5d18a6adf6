import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes a directory entry durable: after a rename or create, the file's own fsync does not
 * cover the name that points at it; the parent directory must be synced too (POSIX).
 */
export const fsyncDirectory = async (dir: string): Promise<void> => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on a directory (EINVAL); their renames are then as durable as they get.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
};

/** Writes a small file atomically and durably: temporary name, fsync, rename, fsync of the folder. */
export const writeFileDurably = async (path: string, content: string | Uint8Array, tempSuffix: string): Promise<void> => {
  const temp = `${path}.${tempSuffix}.tmp`;
  await writeFile(temp, content, { flush: true });
  await rename(temp, path);
  await fsyncDirectory(dirname(path));
};

/** Moves a file to `to` and makes both directory entries durable. */
export const renameDurably = async (from: string, to: string): Promise<void> => {
  await rename(from, to);
  await fsyncDirectory(dirname(to));
  if (dirname(from) !== dirname(to)) await fsyncDirectory(dirname(from));
};
