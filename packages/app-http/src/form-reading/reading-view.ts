import { needsReview, pendingReadFields, type OrderState } from '@ccpor/domain';

/** A reading under way for a draft: which image, and how many of its pages are read. */
export interface ReadingProgress {
  readonly imageSha256: string;
  readonly pagesDone: number;
  readonly pages: number;
  readonly startedAt: string;
}

/**
 * What the image-first entry page shows beside the image: per order field read, its status
 * (pre-filled or suggested, and why), what was read, how sure the reader was, where on which
 * page (fractions of the page, to highlight when the field has focus), and whether the clerk
 * has confirmed or corrected it. `pending` lists what still stands between the draft and "add".
 */
export const readingView = (state: OrderState, progress: ReadingProgress | undefined) => {
  const reading = state.status === 'draft' ? state.reading : undefined;
  const pending = pendingReadFields(reading).map((p) => p.field);
  return {
    inProgress: progress ?? null,
    reading:
      reading === undefined
        ? null
        : {
            readingId: reading.readingId,
            imageSha256: reading.imageSha256,
            form: reading.form,
            revision: reading.revision,
            reader: reading.reader,
            fields: reading.fields.map((f) => ({
              ...f,
              review: reading.reviewed[f.field] ?? (needsReview(f) ? 'pending' : 'not-needed'),
            })),
            pending,
            reviewComplete: pending.length === 0,
          },
  };
};
