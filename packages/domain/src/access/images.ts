import { allow, authorizeOrder, deny, type AccessDecision, type OrderFacts } from './policy';
import type { Principal } from './roles';

/**
 * How a given image's bytes came to an order, read from that order's own history: who uploaded
 * them to it through the registry's upload route, and whether an import (the scan inbox or a
 * historical load, both the registry itself) attached them.
 */
export interface ImageProvenance {
  readonly uploadedBy: readonly string[];
  readonly imported: boolean;
}

const REFERENCE_RULE = 'image references: only bytes the caller uploaded to this order, or an import attached to it (ADR 0036)';

/**
 * An image is stored once under its sha256, whoever sends it (ADR 0023), so a hash is not a
 * secret that proves anything: anyone who reads it on one order could name it on another and
 * read the bytes through that one. A reference to stored bytes (attach or replace by hash) is
 * therefore allowed only when the order's own history shows the caller uploaded those bytes to
 * it, or an import attached them; everything else must be uploaded. The answer is the same
 * whether or not the bytes exist anywhere, so it reveals nothing about other orders.
 */
export const authorizeImageReference = (p: Principal, provenance: ImageProvenance): AccessDecision =>
  provenance.imported
    ? allow('image attached to this order by an import')
    : provenance.uploadedBy.includes(p.userId)
      ? allow('image uploaded to this order by the caller')
      : deny(
          'IMAGE_REFERENCE_NOT_PROVEN',
          'An image can be attached by its hash only if you uploaded it to this order, or an import attached it; upload the file instead (POST …/images/upload).',
          REFERENCE_RULE,
        );

/** Every order the same bytes belong to, as the policy needs them for a download. */
export interface ImageHolders {
  /** The order the download is asked through. */
  readonly order: OrderFacts;
  /** The other orders that hold the same bytes. */
  readonly others: readonly OrderFacts[];
  /** The caller uploaded these bytes to `order` themselves: they already have them. */
  readonly uploadedByCaller: boolean;
}

/**
 * Downloading bytes is reading every order they belong to: allowed only when the caller may read
 * the images of each of them. The one exception is bytes the caller uploaded to this order
 * themselves, which tell them nothing they did not have (and refusing them would tell them that
 * a hidden order holds the same file).
 */
export const authorizeImageRead = (p: Principal, h: ImageHolders): AccessDecision => {
  const own = authorizeOrder(p, 'order.image.read', h.order);
  if (!own.allowed || h.uploadedByCaller) return own;
  for (const other of h.others) {
    const d = authorizeOrder(p, 'order.image.read', other);
    if (!d.allowed) {
      return deny('IMAGE_HELD_BY_HIDDEN_ORDER', 'No such image.', `image bytes are read as every order holding them is (ADR 0036); here: ${d.rule}`, true);
    }
  }
  return own;
};
