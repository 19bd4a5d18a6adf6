import type { FormNumber } from '../order/order-forms';
import type { ReaderKind } from './form-reading';
import { needsReview, type ReadFieldOutcome } from './prefill';
import type { ReadableFieldId } from './readable-fields';

/** The reading a draft is being checked against, and what the clerk has reviewed of it. */
export interface DraftReading {
  readonly readingId: string;
  readonly imageSha256: string;
  readonly form: FormNumber;
  readonly revision: string;
  readonly reader: ReaderKind;
  readonly fields: readonly ReadFieldOutcome[];
  readonly reviewed: Readonly<Partial<Record<ReadableFieldId, 'confirmed' | 'corrected'>>>;
  /** Every reading ever applied to the draft, so the same one is never applied twice. */
  readonly applied: readonly string[];
}

/** The read fields the clerk still has to confirm or correct before the order can be added. */
export const pendingReadFields = (reading: DraftReading | undefined): readonly ReadFieldOutcome[] =>
  reading === undefined ? [] : reading.fields.filter((f) => needsReview(f) && reading.reviewed[f.field] === undefined);
