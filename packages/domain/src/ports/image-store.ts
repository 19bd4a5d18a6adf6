import type { Either } from 'fp-ts/Either';

export type ImageMediaType = 'application/pdf' | 'image/tiff';

/** What the registry keeps about a stored image; the bytes live in the image store. */
export interface StoredImage {
  readonly sha256: string;
  readonly mediaType: ImageMediaType;
  readonly bytes: number;
  readonly pages: number;
}

export type ImageStoreError =
  | { readonly code: 'IMAGE_TOO_LARGE'; readonly limitBytes: number }
  | { readonly code: 'IMAGE_UNSUPPORTED_TYPE'; readonly detected: string }
  | { readonly code: 'IMAGE_UNREADABLE'; readonly reason: string }
  | { readonly code: 'IMAGE_NOT_FOUND'; readonly sha256: string };

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/** Content-addressed image storage (filesystem, PostgreSQL, S3-compatible). */
export interface ImageStore {
  /** Streams bytes in, validates them by content and stores them under their sha256. Idempotent. */
  put(content: AsyncIterable<Uint8Array>): Promise<Either<ImageStoreError, StoredImage>>;
  stat(sha256: string): Promise<StoredImage | undefined>;
  read(sha256: string, range?: ByteRange): Promise<Either<ImageStoreError, AsyncIterable<Uint8Array>>>;
}
