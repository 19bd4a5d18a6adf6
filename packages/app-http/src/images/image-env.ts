import * as t from 'io-ts';
import { DEFAULT_IMAGE_LIMIT_BYTES } from '@ccpor/adapters';
import { optionalWhole } from '../config/optional-whole';

/**
 * The image store's environment variables, decoded with the rest of the configuration
 * (config/config.ts spreads these into its one codec, as it does for the CLETS link).
 */
export const ImageEnvCodec = t.type({
  CCPOR_IMAGE_STORE: t.union([t.string, t.undefined]),
  // 1 KiB to 1 GiB: below that no real scan fits, above it the PDF page count (one file in memory) gets dangerous.
  CCPOR_IMAGE_MAX_BYTES: optionalWhole('bytes', 1024, 1024 * 1024 * 1024),
  CCPOR_IMAGE_MAX_PARALLEL_UPLOADS: optionalWhole('uploads', 1, 256),
  CCPOR_S3_ACCESS_KEY_ID: t.union([t.string, t.undefined]),
  CCPOR_S3_SECRET_ACCESS_KEY: t.union([t.string, t.undefined]),
});

export const IMAGE_ENV_DOCS: Record<keyof typeof ImageEnvCodec.props, string> = {
  CCPOR_IMAGE_STORE:
    'Where order images go: a directory (filesystem store), `sql` (tables beside the log), or an S3-compatible object store as `s3://<bucket>/<prefix>?endpoint=<https://host:port>&region=<region>` (ADR 0063; credentials in `CCPOR_S3_ACCESS_KEY_ID` and `CCPOR_S3_SECRET_ACCESS_KEY`). Default: `<data directory>/images` for the embedded store, `sql` for PostgreSQL, a temporary directory for `memory`, `./.ccpor-images` for EventStoreDB.',
  CCPOR_IMAGE_MAX_BYTES: `Largest image accepted, in bytes, by upload and scan import (default ${DEFAULT_IMAGE_LIMIT_BYTES}, 50 MiB).`,
  CCPOR_IMAGE_MAX_PARALLEL_UPLOADS: 'Image uploads processed at once; more are answered 503 with Retry-After (default 4: a PDF is held in memory while its pages are counted).',
  CCPOR_S3_ACCESS_KEY_ID: 'With `CCPOR_IMAGE_STORE=s3://…`: the access key id the registry signs its requests with (Signature Version 4).',
  CCPOR_S3_SECRET_ACCESS_KEY: 'With `CCPOR_IMAGE_STORE=s3://…`: the secret access key (never logged).',
};

/** Where images are kept: a folder, or the SQL database of the event log. Undefined: the default for the event store. */
export type ImageStoreChoice =
  | { readonly kind: 'filesystem'; readonly root: string }
  | { readonly kind: 'sql' }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string; readonly endpoint: string; readonly region: string; readonly accessKeyId?: string; readonly secretAccessKey?: string };

/** `s3://bucket/prefix?endpoint=…&region=…` (ADR 0063). */
const s3Choice = (raw: string, v: t.TypeOf<typeof ImageEnvCodec>): ImageStoreChoice => {
  const u = new URL(raw);
  const prefix = u.pathname.replace(/^\//, '');
  return {
    kind: 's3',
    bucket: u.hostname,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    endpoint: u.searchParams.get('endpoint') ?? `https://s3.${u.searchParams.get('region') ?? 'us-east-1'}.amazonaws.com`,
    region: u.searchParams.get('region') ?? 'us-east-1',
    ...(v.CCPOR_S3_ACCESS_KEY_ID ? { accessKeyId: v.CCPOR_S3_ACCESS_KEY_ID } : {}),
    ...(v.CCPOR_S3_SECRET_ACCESS_KEY ? { secretAccessKey: v.CCPOR_S3_SECRET_ACCESS_KEY } : {}),
  };
};

export interface ImageConfig {
  readonly store?: ImageStoreChoice;
  readonly maxBytes: number;
  readonly maxParallelUploads: number;
}

export const imageConfigFrom = (v: t.TypeOf<typeof ImageEnvCodec>): ImageConfig => ({
  ...(v.CCPOR_IMAGE_STORE !== undefined && v.CCPOR_IMAGE_STORE !== ''
    ? {
        store:
          v.CCPOR_IMAGE_STORE === 'sql'
            ? { kind: 'sql' as const }
            : v.CCPOR_IMAGE_STORE.startsWith('s3://')
              ? s3Choice(v.CCPOR_IMAGE_STORE, v)
              : { kind: 'filesystem' as const, root: v.CCPOR_IMAGE_STORE },
      }
    : {}),
  maxBytes: v.CCPOR_IMAGE_MAX_BYTES ?? DEFAULT_IMAGE_LIMIT_BYTES,
  maxParallelUploads: v.CCPOR_IMAGE_MAX_PARALLEL_UPLOADS ?? 4,
});
