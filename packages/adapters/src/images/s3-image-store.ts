import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { ByteRange, ImageMediaType, ImageStore, ImageStoreError, StoredImage } from '@ccpor/domain';
import { checkRange } from './filesystem-image-store';
import { DEFAULT_IMAGE_LIMIT_BYTES } from './image-limits';
import { isSha256 } from './image-sha';
import { inspectImage } from './inspect-image';
import { EMPTY_SHA256, signS3Request, type S3Credentials } from './s3-signature';
import { stageUpload } from './staged-file';

export interface S3ImageStoreOptions extends S3Credentials {
  /** The service's base URL, e.g. `https://s3.us-west-1.amazonaws.com` or `http://127.0.0.1:9000`; path-style addressing. */
  readonly endpoint: string;
  readonly bucket: string;
  /** Key prefix inside the bucket (default `images/`). */
  readonly prefix?: string;
  readonly limitBytes?: number;
  /** Where uploads are staged while they are hashed and validated (default the system's temp folder). */
  readonly stagingDir?: string;
  /** For tests: the signing time. */
  readonly now?: () => Date;
}

/** The bytes of `source` from `skip`, `length` of them, then stop reading. */
async function* exactly(source: AsyncIterable<Uint8Array>, skip: number, length: number): AsyncIterable<Uint8Array> {
  let toSkip = skip;
  let left = length;
  for await (const chunk of source) {
    let c = chunk;
    if (toSkip > 0) {
      const n = Math.min(toSkip, c.length);
      c = c.subarray(n);
      toSkip -= n;
    }
    if (c.length === 0) continue;
    if (c.length >= left) {
      yield c.subarray(0, left);
      (source as { destroy?: () => void }).destroy?.();
      return;
    }
    left -= c.length;
    yield c;
  }
}

const MEDIA: Record<string, ImageMediaType> = { 'application/pdf': 'application/pdf', 'image/tiff': 'image/tiff' };

/**
 * Order images in an S3-compatible object store (ADR 0063), behind the same port as the
 * filesystem and SQL stores. An upload is staged on local disk while it is hashed and validated
 * by content (as the other stores do), then written once as `<prefix>ab/cd/<sha256>` with its
 * media type and page count as object metadata; S3 checks the body against the SHA-256 the
 * request is signed with, so a corrupted transfer is refused, not stored. Same bytes, same key:
 * a second put is a HEAD. Reads are ranged GETs. The order's events hold the image reference;
 * nothing about the image lives in PostgreSQL, so the primary and its replicas stay small.
 */
export class S3ImageStore implements ImageStore {
  private readonly base: URL;
  private readonly prefix: string;
  private readonly limitBytes: number;
  private readonly staging: string;

  constructor(private readonly options: S3ImageStoreOptions) {
    this.base = new URL(options.endpoint);
    this.prefix = options.prefix ?? 'images/';
    this.limitBytes = options.limitBytes ?? DEFAULT_IMAGE_LIMIT_BYTES;
    this.staging = options.stagingDir ?? join(tmpdir(), 'ccpor-s3-staging');
  }

  keyOf(sha256: string): string {
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(content: AsyncIterable<Uint8Array>): Promise<Either<ImageStoreError, StoredImage>> {
    const staged = await stageUpload(content, this.staging, this.limitBytes);
    if (isLeft(staged)) return staged;
    const file = staged.right;
    try {
      const existing = await this.stat(file.sha256);
      if (existing) return right(existing);
      const inspected = await inspectImage(file.path, file.head, file.bytes);
      if (isLeft(inspected)) return inspected;
      const stored: StoredImage = { sha256: file.sha256, bytes: file.bytes, ...inspected.right };
      const res = await this.send(
        'PUT',
        this.keyOf(file.sha256),
        { 'content-type': stored.mediaType, 'content-length': String(file.bytes), 'x-amz-meta-pages': String(stored.pages) },
        file.sha256,
        createReadStream(file.path),
      );
      await this.expect(res, [200], 'PUT');
      return right(stored);
    } finally {
      await file.discard();
    }
  }

  async stat(sha256: string): Promise<StoredImage | undefined> {
    if (!isSha256(sha256)) return undefined;
    const res = await this.send('HEAD', this.keyOf(sha256), {}, EMPTY_SHA256);
    res.resume();
    if (res.statusCode === 404) return undefined;
    await this.expect(res, [200], 'HEAD');
    const mediaType = MEDIA[String(res.headers['content-type'] ?? '').split(';')[0]!.trim()];
    const pages = Number(res.headers['x-amz-meta-pages']);
    const bytes = Number(res.headers['content-length']);
    if (mediaType === undefined || !Number.isInteger(pages) || !Number.isInteger(bytes)) throw new Error(`S3 object ${this.keyOf(sha256)} has no image metadata`);
    return { sha256, mediaType, pages, bytes };
  }

  async read(sha256: string, range?: ByteRange): Promise<Either<ImageStoreError, AsyncIterable<Uint8Array>>> {
    const found = await this.stat(sha256);
    if (!found) return left({ code: 'IMAGE_NOT_FOUND', sha256 });
    const checked = checkRange(range, found.bytes);
    if (isLeft(checked)) return checked;
    const res = await this.send('GET', this.keyOf(sha256), { range: `bytes=${checked.right.start}-${checked.right.end}` }, EMPTY_SHA256);
    await this.expect(res, [200, 206], 'GET');
    // A store that ignores the range (200, the whole object) or widens it (s3rver reads `bytes=0-0`
    // as the whole object) is read through and cut to exactly the bytes asked for.
    const { start, end } = checked.right;
    const skip = res.statusCode === 206 ? Number(/^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1] ?? start) : 0;
    return right(exactly(res, start - skip, end - start + 1));
  }

  private async expect(res: IncomingMessage, ok: readonly number[], what: string): Promise<void> {
    if (ok.includes(res.statusCode ?? 0)) return;
    let body = '';
    for await (const chunk of res) body += String(chunk);
    // The store's error code only (never credentials or the key's content).
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? 'no error code';
    throw new Error(`S3 ${what} answered ${res.statusCode}: ${code}`);
  }

  private send(method: string, key: string, headers: Record<string, string>, payloadSha256: string, body?: Readable): Promise<IncomingMessage> {
    const path = `${this.base.pathname.replace(/\/$/, '')}/${this.options.bucket}/${key}`;
    const signed = signS3Request({ method, host: this.base.host, path, headers, payloadSha256 }, this.options, this.options.now?.() ?? new Date());
    const request = this.base.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        { method, hostname: this.base.hostname, port: this.base.port || undefined, path: path.split('/').map(encodeURIComponent).join('/'), headers: { ...signed, host: this.base.host } },
        resolve,
      );
      req.on('error', reject);
      if (body) {
        body.on('error', (e) => req.destroy(e));
        body.pipe(req);
      } else req.end();
    });
  }
}
