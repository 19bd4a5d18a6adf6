import * as t from 'io-ts';
import { DraftDetails } from '../order/order-details';
import { IsoDateTime } from '../value-objects/dates';
import { OrderId } from '../value-objects/order-id';
import { FormReading } from './form-reading';
import { ReadableFieldId } from './readable-fields';

const Sha256 = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'sha256 (64 lower-case hex digits)');

/** A reading's identity: a UUID the caller derives (the scan import: from the image and reader), so applying it twice is recognised. */
export const ReadingId = OrderId;

/**
 * Attach a form reading to a draft: the decider pre-fills the fields it is sure of and offers
 * the rest (prefill.ts). The image read must be attached to the draft.
 */
export const ApplyFormReading = t.type(
  {
    type: t.literal('ApplyFormReading'),
    orderId: OrderId,
    at: IsoDateTime,
    readingId: ReadingId,
    imageSha256: Sha256,
    reading: FormReading,
  },
  'ApplyFormReading',
);

/**
 * The clerk's review of read fields, beside the image:
 * - `accept`: the value read stands (a suggestion is put into the draft);
 * - `correct`: the clerk's own value stands — given in `details`/`clear` here, or entered
 *   earlier with UpdateDraft — or the field is left empty.
 * The event records, per field, whether it was confirmed as read or changed (and from what to what).
 */
export const ReviewReadFields = t.intersection(
  [
    t.type({ type: t.literal('ReviewReadFields'), orderId: OrderId, at: IsoDateTime, readingId: ReadingId }),
    t.partial({
      accept: t.array(ReadableFieldId),
      correct: t.array(ReadableFieldId),
      details: DraftDetails,
      clear: t.array(t.keyof(DraftDetails.props)),
    }),
  ],
  'ReviewReadFields',
);
