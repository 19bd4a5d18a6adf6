import { maySeeConfidential, needsReview, pendingReadFields, type OrderState, type Principal, type ReadFieldOutcome } from '@ccpor/domain';
import { factsOf } from '../orders/order-facts';

/** A reading under way for a draft: which image, and how many of its pages are read. */
export interface ReadingProgress {
  readonly imageSha256: string;
  readonly pagesDone: number;
  readonly pages: number;
  readonly startedAt: string;
}

/** Fields that name or describe protected people (the petitioner is usually one of them). */
const aboutProtectedPeople = (f: ReadFieldOutcome): boolean => f.field.startsWith('protectedPersons.') || f.field.startsWith('petitioner.');

/**
 * What was read about protected people, hidden from a caller who may not see confidential
 * persons (the same rule as the order's details): the form does not say who is confidential,
 * and a reading marks the people it adds confidential until the clerk says otherwise.
 */
const redacted = (f: ReadFieldOutcome): ReadFieldOutcome => {
  const { value: _value, parts: _parts, message: _message, ...rest } = f;
  return { ...rest, read: '[redacted]', parts: {} };
};

/**
 * What the image-first entry page shows beside the image: per order field read, its status
 * (pre-filled or suggested, and why), what was read, how sure the reader was, where on which
 * page (fractions of the page, to highlight when the field has focus), and whether the clerk
 * has confirmed or corrected it. `pending` lists what still stands between the draft and "add".
 */
export const readingView = (state: OrderState, progress: ReadingProgress | undefined, p: Principal) => {
  const reading = state.status === 'draft' ? state.reading : undefined;
  const pending = pendingReadFields(reading).map((x) => x.field);
  const hide = !maySeeConfidential(p, factsOf(state));
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
              ...(hide && aboutProtectedPeople(f) ? redacted(f) : f),
              review: reading.reviewed[f.field] ?? (needsReview(f) ? 'pending' : 'not-needed'),
            })),
            pending,
            reviewComplete: pending.length === 0,
            redacted: hide && reading.fields.some(aboutProtectedPeople),
          },
  };
};
