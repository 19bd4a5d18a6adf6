import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { ByteRange, ImageMediaType, ImageStore, ImageStoreError, StoredImage } from '@ccpor/domain';
import { runMigrations } from '../sql/migration-runner';
import { assertSchemaName, DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlDatabase } from '../sql/sql-database';
import { checkRange } from './filesystem-image-store';
import { DEFAULT_IMAGE_LIMIT_BYTES } from './image-limits';
import { isSha256 } from './image-sha';
import { imageStoreMigrations } from './image-store-migrations';
import { inspectImage } from './inspect-image';
import { stageUpload } from './staged-file';

export const IMAGE_CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query while streaming a read: 2 MiB in memory at most. */
const CHUNKS_PER_FETCH = 8;

export interface SqlImageStoreOptions {
  readonly db: SqlDatabase;
  readonly schema?: string;
  readonly limitBytes?: number;
  /** Where uploads are staged for hashing and validation before they go into the database. Default: the OS temp folder. */
  readonly stagingDir?: string;
  /** Run pending migrations when opening (default true). */
  readonly migrate?: boolean;
}

interface ImageRow extends Record<string, unknown> {
  sha256: string;
  media_type: ImageMediaType;
  pages: number;
  bytes: string | number;
  chunk_size: number;
}

/** Reads a file in fixed-size chunks (the last may be shorter). */
async function* fileChunks(path: string, size: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of createReadStream(path, { highWaterMark: size })) {
    pending.push(piece as Buffer);
    pendingBytes += (piece as Buffer).length;
    while (pendingBytes >= size) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      pendingBytes = all.length - size;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/**
 * Image store in PostgreSQL for deployments that run the PostgreSQL event store (one database
 * to back up), and in PGlite for the embedded one. Same contract as the filesystem store:
 * content-addressed, validated by content, idempotent, range reads.
 */
export class SqlImageStore implements ImageStore {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly schema: string,
    private readonly limitBytes: number,
    private readonly stagingDir: string,
  ) {}

  static async open(options: SqlImageStoreOptions): Promise<SqlImageStore> {
    const schema = assertSchemaName(options.schema ?? DEFAULT_SCHEMA);
    if (options.migrate ?? true) await runMigrations(options.db, schema, imageStoreMigrations);
    return new SqlImageStore(options.db, schema, options.limitBytes ?? DEFAULT_IMAGE_LIMIT_BYTES, options.stagingDir ?? join(tmpdir(), 'ccpor-image-staging'));
  }

  private sql(template: string): string {
    return inSchema(template, this.schema);
  }

  async put(content: AsyncIterable<Uint8Array>): Promise<Either<ImageStoreError, StoredImage>> {
    const staged = await stageUpload(content, this.stagingDir, this.limitBytes);
    if (isLeft(staged)) return staged;
    const file = staged.right;
    try {
      const existing = await this.stat(file.sha256);
      if (existing) return right(existing);
      const inspected = await inspectImage(file.path, file.head, file.bytes);
      if (isLeft(inspected)) return inspected;
      const stored: StoredImage = { sha256: file.sha256, mediaType: inspected.right.mediaType, pages: inspected.right.pages, bytes: file.bytes };
      await this.db.transaction(async (tx) => {
        // A concurrent put of the same bytes waits on the primary key here and then inserts nothing.
        const inserted = await tx.query(
          this.sql(
            `INSERT INTO {{schema}}.images (sha256, media_type, pages, bytes, chunk_size) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
          ),
          [stored.sha256, stored.mediaType, stored.pages, stored.bytes, IMAGE_CHUNK_BYTES],
        );
        if (inserted.rows.length === 0) return;
        let seq = 0;
        for await (const chunk of fileChunks(file.path, IMAGE_CHUNK_BYTES)) {
          await tx.query(this.sql('INSERT INTO {{schema}}.image_chunks (sha256, seq, data) VALUES ($1, $2, $3)'), [stored.sha256, seq, chunk]);
          seq += 1;
        }
      });
      return right(stored);
    } finally {
      await file.discard();
    }
  }

  private async row(sha256: string): Promise<ImageRow | undefined> {
    if (!isSha256(sha256)) return undefined;
    const { rows } = await this.db.query<ImageRow>(
      this.sql('SELECT sha256, media_type, pages, bytes, chunk_size FROM {{schema}}.images WHERE sha256 = $1'),
      [sha256],
    );
    return rows[0];
  }

  async stat(sha256: string): Promise<StoredImage | undefined> {
    const row = await this.row(sha256);
    return row && { sha256: row.sha256, mediaType: row.media_type, pages: row.pages, bytes: Number(row.bytes) };
  }

  async read(sha256: string, range?: ByteRange): Promise<Either<ImageStoreError, AsyncIterable<Uint8Array>>> {
    const row = await this.row(sha256);
    if (!row) return left({ code: 'IMAGE_NOT_FOUND', sha256 });
    const checked = checkRange(range, Number(row.bytes));
    if (isLeft(checked)) return checked;
    return right(this.chunksOf(sha256, row.chunk_size, checked.right.start, checked.right.end));
  }

  private async *chunksOf(sha256: string, chunkSize: number, start: number, end: number): AsyncIterable<Uint8Array> {
    const last = Math.floor(end / chunkSize);
    for (let from = Math.floor(start / chunkSize); from <= last; from += CHUNKS_PER_FETCH) {
      const to = Math.min(last, from + CHUNKS_PER_FETCH - 1);
      const { rows } = await this.db.query<{ seq: number; data: Uint8Array }>(
        this.sql('SELECT seq, data FROM {{schema}}.image_chunks WHERE sha256 = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq'),
        [sha256, from, to],
      );
      if (rows.length !== to - from + 1) throw new Error(`image ${sha256} is missing chunks ${from}–${to}`);
      for (const { seq, data } of rows) {
        const offset = seq * chunkSize;
        const sliceStart = Math.max(0, start - offset);
        const sliceEnd = Math.min(data.length, end - offset + 1);
        yield data.subarray(sliceStart, sliceEnd);
      }
    }
  }
}
