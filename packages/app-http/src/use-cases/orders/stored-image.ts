import * as E from 'fp-ts/Either';
import type { ImageRef, ImageStore, StoredImage } from '@ccpor/domain';

/** What a reference says about its bytes, which must be what the image store measured. */
const MEASURED = ['mediaType', 'bytes', 'pages'] as const;

export type ImageReferenceError =
  | { readonly kind: 'image-not-stored' }
  | { readonly kind: 'image-ref-mismatch'; readonly stored: StoredImage; readonly differs: readonly (typeof MEASURED)[number][] };

/**
 * A reference names stored bytes: they must be in the image store, and what it says about them
 * (type, size, pages) must be what the store measured, not what the client claims.
 */
export const storedAsReferenced = async (images: Pick<ImageStore, 'stat'>, image: ImageRef): Promise<E.Either<ImageReferenceError, void>> => {
  const stored = await images.stat(image.sha256);
  if (stored === undefined) return E.left({ kind: 'image-not-stored' });
  const differs = MEASURED.filter((k) => stored[k] !== image[k]);
  return differs.length > 0 ? E.left({ kind: 'image-ref-mismatch', stored, differs }) : E.right(undefined);
};
