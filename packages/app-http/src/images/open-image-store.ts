import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemImageStore, S3ImageStore, SqlImageStore, type SqlHome } from '@ccpor/adapters';
import type { ImageStore } from '@ccpor/domain';
import type { StoreConfig } from '../config/config';
import type { ImageConfig } from './image-env';

/** The registry's image store and how to let go of it. */
export interface OpenedImageStore {
  readonly store: ImageStore;
  /** Where it lives, for logs and the CLI's messages. */
  readonly description: string;
  close(): Promise<void>;
}

export class ImageStoreUnsupportedError extends Error {
  readonly code = 'IMAGE_STORE_UNSUPPORTED';
}

const filesystem = async (root: string, limitBytes: number, removeOnClose = false): Promise<OpenedImageStore> => ({
  store: await FilesystemImageStore.open({ root, limitBytes }),
  description: `filesystem:${root}`,
  close: async () => {
    if (removeOnClose) await rm(root, { recursive: true, force: true });
  },
});

/**
 * Picks the image store for the event store (ADR 0023): the filesystem store beside the embedded
 * PGlite store, so one data directory holds everything and a backup copies one folder; the SQL
 * store on PostgreSQL, so a multi-host deployment needs no shared filesystem and one dump holds
 * both. `CCPOR_IMAGE_STORE` overrides either way. `sqlHome` is the store opener's: the log's SQL
 * database and schema, when it has one.
 */
export const openImageStore = async (config: ImageConfig, storeConfig: StoreConfig, sqlHome: SqlHome | undefined): Promise<OpenedImageStore> => {
  const limitBytes = config.maxBytes;
  const choice = config.store;
  if (choice?.kind === 'filesystem') return filesystem(choice.root, limitBytes);
  if (choice?.kind === 's3') {
    if (choice.accessKeyId === undefined || choice.secretAccessKey === undefined)
      throw new ImageStoreUnsupportedError('CCPOR_IMAGE_STORE=s3://… needs CCPOR_S3_ACCESS_KEY_ID and CCPOR_S3_SECRET_ACCESS_KEY.');
    const store = new S3ImageStore({ endpoint: choice.endpoint, bucket: choice.bucket, prefix: choice.prefix, region: choice.region, accessKeyId: choice.accessKeyId, secretAccessKey: choice.secretAccessKey, limitBytes });
    return { store, description: `s3:${choice.bucket}/${choice.prefix}`, close: async () => undefined };
  }
  if (choice?.kind === 'sql' || storeConfig.kind === 'postgres') {
    if (sqlHome === undefined) throw new ImageStoreUnsupportedError('CCPOR_IMAGE_STORE=sql keeps images beside the log in SQL: use it with the embedded store or PostgreSQL, or give a directory.');
    const store = await SqlImageStore.open({ db: sqlHome.db, schema: sqlHome.schema, limitBytes });
    return { store, description: `sql:${sqlHome.schema}`, close: async () => undefined };
  }
  switch (storeConfig.kind) {
    case 'pglite':
      return filesystem(join(storeConfig.dataDir, 'images'), limitBytes);
    case 'memory':
      // Lost on exit, like the log it goes with.
      return filesystem(await mkdtemp(join(tmpdir(), 'ccpor-images-')), limitBytes, true);
    case 'esdb':
      return filesystem('./.ccpor-images', limitBytes);
  }
};
