import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { match } from 'ts-pattern';
import { decodeWith } from '../errors/decode-error';
import { domainError, type DomainError } from '../errors/domain-error';
import type { OrderEvent } from '../order/events';
import { DraftDetails } from '../order/order-details';
import { formInfo } from '../order/order-forms';
import type { DraftOrder, OrderState } from '../order/order-state';
import { pendingReadFields } from './draft-reading';
import { prefillFromReading, PREFILL_MIN_CONFIDENCE, type ReadFieldOutcome } from './prefill';
import type { ApplyFormReading, ReviewReadFields } from './reading-commands';
import { readableField, type ReadableFieldId } from './readable-fields';
import { sameValue } from '../value-objects/same-value';

type Decision = E.Either<DomainError, OrderEvent[]>;
type CheckTimes = (details: DraftDetails, at: string) => E.Either<DomainError, void>;

const requireDraft = (state: OrderState): E.Either<DomainError, DraftOrder> =>
  match(state)
    .with({ status: 'draft' }, (s) => E.right<DomainError, DraftOrder>(s))
    .with({ status: 'none' }, () => E.left(domainError('ORDER_NOT_FOUND', 'There is no order or draft with this id.')))
    .with({ status: 'discarded' }, () => E.left(domainError('DRAFT_DISCARDED', 'This draft was discarded; nothing more can be done with it.')))
    .with({ status: 'issued' }, () =>
      E.left(domainError('NOT_A_DRAFT', 'This order is already in the registry; a form reading pre-fills drafts only.')),
    )
    .exhaustive();

/** The DraftUpdated that takes `from` to `to`: changed keys in `details`, removed keys in `cleared`. */
const draftUpdate = (from: DraftDetails, to: DraftDetails, at: string): OrderEvent[] => {
  const a = from as Record<string, unknown>;
  const b = to as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (b[key] === undefined && a[key] !== undefined) cleared.push(key);
    else if (b[key] !== undefined && !sameValue(a[key], b[key])) details[key] = b[key];
  }
  if (Object.keys(details).length === 0 && cleared.length === 0) return [];
  return [{ type: 'DraftUpdated', schemaVersion: 1, data: { details: details as DraftDetails, cleared, updatedAt: at } } as OrderEvent];
};

/**
 * ApplyFormReading: the draft takes the values the reading is sure of and is offered the rest.
 * Refused, with the draft unchanged, when the image is not the draft's, the form read is not
 * the draft's form, the same reading was applied before, or an earlier reading is still being
 * reviewed (its pending fields would otherwise be lost from view).
 */
export const decideApplyReading = (c: t.TypeOf<typeof ApplyFormReading>, state: OrderState, checkTimes: CheckTimes): Decision =>
  E.chain((s: DraftOrder): Decision => {
    if (!s.images.some((i) => i.sha256 === c.imageSha256)) {
      return E.left(domainError('IMAGE_NOT_ATTACHED', 'The image that was read is not attached to this draft; attach it first.', { field: 'imageSha256' }));
    }
    if (s.reading?.applied.includes(c.readingId)) {
      return E.left(domainError('READING_ALREADY_APPLIED', 'This reading was already applied to the draft.', { field: 'readingId' }));
    }
    const pending = pendingReadFields(s.reading);
    if (pending.length > 0) {
      return E.left(
        domainError('READING_UNDER_REVIEW', `The draft's earlier reading still has ${pending.length} field(s) to confirm or correct; finish that review first.`, {
          details: { readingId: s.reading?.readingId, pending: pending.map((p) => p.field) },
        }),
      );
    }
    const held = s.details.form;
    if (held !== undefined && held !== c.reading.form) {
      return E.left(
        domainError(
          'FORM_MISMATCH',
          `The image was read as a ${c.reading.form} (${formInfo(c.reading.form).title}), but this draft is a ${held}. Check that the right image is attached, or change the draft's form first.`,
          { field: 'reading.form', details: { read: c.reading.form, draft: held } },
        ),
      );
    }
    const prefill = prefillFromReading(c.reading, s.details, (d) => checkTimes(d, c.at), PREFILL_MIN_CONFIDENCE);
    const applied: OrderEvent = {
      type: 'FormReadingApplied',
      schemaVersion: 1,
      data: {
        readingId: c.readingId,
        imageSha256: c.imageSha256,
        form: c.reading.form,
        revision: c.reading.revision,
        reader: c.reading.reader,
        pages: c.reading.pages,
        fields: [...prefill.outcomes],
        appliedAt: c.at,
      },
    } as OrderEvent;
    return E.right([applied, ...draftUpdate(s.details, prefill.details, c.at)]);
  })(requireDraft(state));

/**
 * ReviewReadFields: the clerk's own values (`details`, `clear`) go in first, then the accepted
 * read values on top, so a field the clerk accepts is exactly what was read. Each reviewed field
 * is recorded as confirmed when its value in the draft is the value read, and as corrected
 * (with both values) when it is not.
 */
export const decideReviewFields = (c: t.TypeOf<typeof ReviewReadFields>, state: OrderState, checkTimes: CheckTimes): Decision =>
  E.chain((s: DraftOrder): Decision => {
    const reading = s.reading;
    if (reading === undefined || reading.readingId !== c.readingId) {
      return E.left(domainError('FIELD_NOT_PENDING', 'This draft has no such reading under review.', { field: 'readingId' }));
    }
    const accept = c.accept ?? [];
    const correct = c.correct ?? [];
    if (accept.length === 0 && correct.length === 0) return E.left(domainError('NO_CHANGES', 'Name the read fields you accept or correct.'));
    const pending = new Map(pendingReadFields(reading).map((o) => [o.field, o]));
    const named = [...accept, ...correct];
    const twice = named.find((f, i) => named.indexOf(f) !== i);
    if (twice !== undefined) return E.left(domainError('INVALID_VALUE', `${twice} is named more than once; accept it or correct it.`, { field: twice }));
    const notPending = named.find((f) => !pending.has(f));
    if (notPending !== undefined) {
      return E.left(
        domainError('FIELD_NOT_PENDING', `${readableField(notPending).label} is not waiting for review in this reading.`, { field: notPending }),
      );
    }
    const unusable = accept.map((f) => pending.get(f)!).find((o) => o.reason === 'not-valid');
    if (unusable !== undefined) {
      return E.left(
        domainError('INVALID_VALUE', `${unusable.label}: "${unusable.read}" cannot be accepted (${unusable.message ?? 'not a valid value'}); correct it instead.`, {
          field: unusable.field,
        }),
      );
    }
    let next: Record<string, unknown> = { ...s.details, ...(c.details ?? {}) };
    for (const key of c.clear ?? []) delete next[key];
    for (const f of accept) next = readableField(f).set(next as DraftDetails, pending.get(f)!.value) as Record<string, unknown>;
    const decoded = decodeWith(DraftDetails)(next);
    if (E.isLeft(decoded)) return decoded;
    const times = checkTimes(decoded.right, c.at);
    if (E.isLeft(times)) return times;
    const confirmed: ReadableFieldId[] = [...accept];
    const corrected: { field: ReadableFieldId; read: string; entered: unknown }[] = [];
    for (const f of correct) {
      const o: ReadFieldOutcome = pending.get(f)!;
      const entered = readableField(f).get(decoded.right);
      // A value that was not valid as read is never "confirmed", even when the clerk leaves the box empty.
      if (o.reason !== 'not-valid' && sameValue(entered, o.value)) confirmed.push(f);
      else corrected.push({ field: f, read: o.read, entered: entered ?? null });
    }
    const reviewed: OrderEvent = {
      type: 'ReadFieldsReviewed',
      schemaVersion: 1,
      data: { readingId: c.readingId, confirmed, corrected, reviewedAt: c.at },
    } as OrderEvent;
    return E.right([...draftUpdate(s.details, decoded.right, c.at), reviewed]);
  })(requireDraft(state));

/** AddOrder from a draft waits until every read field is confirmed or corrected. */
export const unreviewedReadFields = (state: OrderState): E.Either<DomainError, void> => {
  if (state.status !== 'draft') return E.right(undefined);
  const pending = pendingReadFields(state.reading);
  return pending.length === 0
    ? E.right(undefined)
    : E.left(
        domainError(
          'FIELDS_NOT_REVIEWED',
          `The order cannot be added yet: ${pending.length} field(s) read from the form are not confirmed: ${pending.map((p) => p.label).join(', ')}.`,
          { field: pending[0]!.field, details: { readingId: state.reading?.readingId, pending: pending.map((p) => ({ field: p.field, label: p.label, status: p.status })) } },
        ),
      );
};
