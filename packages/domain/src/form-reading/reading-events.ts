import * as t from 'io-ts';
import { FormNumber } from '../order/order-forms';
import { IsoDate, IsoDateTime } from '../value-objects/dates';
import { ReaderKind } from './form-reading';
import { ReadFieldOutcome } from './prefill';
import { ReadingId } from './reading-commands';
import { ReadableFieldId } from './readable-fields';

/**
 * A reading was attached to a draft. `fields` says, per order field the form fills, what was
 * read, where, how surely, and whether it was pre-filled or only suggested. The values that went
 * in follow in the same decision as a DraftUpdated, so every view of a draft's details keeps
 * reading one event type.
 */
export const FormReadingApplied = t.type(
  {
    type: t.literal('FormReadingApplied'),
    schemaVersion: t.literal(1),
    data: t.type({
      readingId: ReadingId,
      imageSha256: t.string,
      form: FormNumber,
      revision: IsoDate,
      reader: ReaderKind,
      pages: t.number,
      fields: t.array(ReadFieldOutcome),
      appliedAt: IsoDateTime,
    }),
  },
  'FormReadingApplied',
);

/** A field the clerk changed: what the reading said, and what the clerk entered (null: left empty). */
export const CorrectedReadField = t.type({ field: ReadableFieldId, read: t.string, entered: t.unknown }, 'CorrectedReadField');

/**
 * The clerk reviewed read fields: `confirmed` stand as read, `corrected` were changed. Any
 * change to the details is recorded by the DraftUpdated decided with it.
 */
export const ReadFieldsReviewed = t.type(
  {
    type: t.literal('ReadFieldsReviewed'),
    schemaVersion: t.literal(1),
    data: t.type({
      readingId: ReadingId,
      confirmed: t.array(ReadableFieldId),
      corrected: t.array(CorrectedReadField),
      reviewedAt: IsoDateTime,
    }),
  },
  'ReadFieldsReviewed',
);
