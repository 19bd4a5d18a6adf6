import * as E from 'fp-ts/Either';
import { imagesOf, type CorruptStream, type ImageHolders, type StoredImage, type OrderFacts, type OrderId, type Principal } from '@ccpor/domain';
import { factsOf } from '../../orders/order-facts';
import { uploadedBy } from '../../images/image-provenance';
import { loadAuthorized, type LoadAuthorizedDeps, type OrderRefusal } from './load-authorized';
import type { OrderAccess } from './order-access';

/** The order access port, plus the download's own question: may the caller read these bytes, which other orders may hold too (ADR 0036)? */
export interface ImageReadAccess<R> extends OrderAccess<R> {
  imageRead(holders: ImageHolders, orderId: OrderId): E.Either<R, void>;
}

/** Every order whose record holds the image, as the search views know them; `ok: false` when the views cannot be read. */
export type ImageHoldersLookup = (sha256: string) => Promise<{ readonly ok: true; readonly value: readonly { readonly orderId: string; readonly facts: OrderFacts }[] } | { readonly ok: false }>;

export interface ReadImageDeps<R> extends LoadAuthorizedDeps<R> {
  readonly access: ImageReadAccess<R>;
  readonly images: { stat(sha256: string): Promise<StoredImage | undefined> };
  readonly holders: ImageHoldersLookup;
}

export interface ReadImageRequest {
  readonly principal: Principal;
  readonly orderId: OrderId;
  readonly sha256: string;
}

export type ReadImageError<R> =
  | OrderRefusal<R>
  | CorruptStream
  /** The order has no such image (or the caller may not learn that it has). */
  | { readonly kind: 'image-not-on-order' }
  /** Which orders hold the bytes cannot be checked now (the search views are down). */
  | { readonly kind: 'holders-unavailable' }
  /** The order refers to the image, but the image store lacks its bytes: an administrator restores them. */
  | { readonly kind: 'image-not-stored' };

/**
 * Read an image of an order: the order loaded once and the caller authorized on it
 * (`order.image.read`), the image one the order holds, then the bytes authorized as every order
 * holding them is (a file stored once is the same file for every order: ADR 0036). The result is
 * what the store has; the caller streams the range it wants.
 */
export const readImage = async <R>(deps: ReadImageDeps<R>, request: ReadImageRequest): Promise<E.Either<ReadImageError<R>, StoredImage>> => {
  const { orderId, sha256, principal } = request;
  const loaded = await loadAuthorized(deps, 'order.image.read', orderId);
  if (E.isLeft(loaded)) return loaded;
  const { state, events } = loaded.right;
  const images = imagesOf(state);
  if (!images.some((i) => i.sha256 === sha256)) return E.left({ kind: 'image-not-on-order' });
  const held = await deps.holders(sha256);
  if (!held.ok) return E.left({ kind: 'holders-unavailable' });
  const others = held.value.filter((h) => h.orderId !== orderId).map((h) => h.facts);
  const allowed = deps.access.imageRead({ order: factsOf(state, events), others, uploadedByCaller: uploadedBy(events, sha256, principal.userId) }, orderId);
  if (E.isLeft(allowed)) return E.left({ kind: 'refused', reason: allowed.left });
  const stat = await deps.images.stat(sha256);
  return stat === undefined ? E.left({ kind: 'image-not-stored' }) : E.right(stat);
};
