import type { ImageProvenance, RecordedEvent } from '@ccpor/domain';

/** What the upload route writes into the metadata of the event that attaches uploaded bytes. */
export const UPLOAD_EXTRA = { imageSource: 'upload' } as const;

const IMAGE_EVENTS = new Set(['ImageAttached', 'ImageReplaced']);

/**
 * Where the bytes `sha256` came from, as this order's own history tells it: which users uploaded
 * them to it (events the upload route marked), and whether an import (the registry itself, a
 * system actor) attached them. Other orders' histories play no part (ADR 0036).
 */
export const imageProvenance = (events: readonly RecordedEvent[], sha256: string): ImageProvenance => {
  const uploadedBy: string[] = [];
  let imported = false;
  for (const e of events) {
    if (!IMAGE_EVENTS.has(e.type) || (e.data as { image?: { sha256?: unknown } }).image?.sha256 !== sha256) continue;
    if (e.metadata.actor.kind === 'system') imported = true;
    else if (e.metadata.extra?.imageSource === UPLOAD_EXTRA.imageSource) uploadedBy.push(e.metadata.actor.userId);
  }
  return { uploadedBy, imported };
};

/** Whether the caller uploaded `sha256` to this order themselves. */
export const uploadedBy = (events: readonly RecordedEvent[], sha256: string, userId: string): boolean => imageProvenance(events, sha256).uploadedBy.includes(userId);
