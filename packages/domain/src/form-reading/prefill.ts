import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { DomainError } from '../errors/domain-error';
import { DraftDetails } from '../order/order-details';
import { Confidence, FormRegion, type FormReading } from './form-reading';
import { READABLE_FIELDS, ReadableFieldId, draftKeyOf, readableField, showParts } from './readable-fields';
import { sameValue } from '../value-objects/same-value';

/**
 * Below this confidence a value is not put into the draft: the box is left empty and the value
 * offered as a suggestion beside it. The readers calibrate their confidences to this scale
 * (adapters README, "Reading forms": a fillable field is certain, text-layer words nearly so,
 * OCR words as sure as the engine says).
 */
export const PREFILL_MIN_CONFIDENCE = 0.85;

/**
 * What became of one order field the form fills:
 * - `prefilled`: put into the draft; the clerk confirms or corrects it;
 * - `suggested`: left out of the draft and offered beside the box (`reason` says why); the clerk accepts or corrects it;
 * - `matches-draft`: the draft already holds the same value; nothing to review;
 * - `empty`: the form holds nothing for it, and the draft nothing against it; nothing to review.
 */
export const ReadFieldStatus = t.keyof({ prefilled: null, suggested: null, 'matches-draft': null, empty: null }, 'ReadFieldStatus');
export type ReadFieldStatus = t.TypeOf<typeof ReadFieldStatus>;

/**
 * Why a read value is only a suggestion:
 * - `low-confidence`: the reader is not sure enough;
 * - `draft-differs`: the draft already holds another value, which stays until the clerk chooses;
 * - `not-valid`: the text read is not a valid value for the field (a 13th month, a name with digits);
 * - `incomplete`: valid, but it cannot stand without a field that was not pre-filled (a date of
 *   birth without the person's name), or it breaks a rule with the rest (a date of birth after the issue date).
 */
export const SuggestionReason = t.keyof({ 'low-confidence': null, 'draft-differs': null, 'not-valid': null, incomplete: null }, 'SuggestionReason');
export type SuggestionReason = t.TypeOf<typeof SuggestionReason>;

export const ReadFieldOutcome = t.intersection(
  [
    t.type({
      field: ReadableFieldId,
      label: t.string,
      /** What was read, as text for the clerk ("SMITH, JOHN A", "checked", "03/14/2029, 17:00"). */
      read: t.string,
      parts: t.record(t.string, t.union([t.string, t.boolean])),
      confidence: Confidence,
      /** Every region the field's parts were read from, for highlighting on the image. */
      where: t.array(FormRegion),
      status: ReadFieldStatus,
    }),
    t.partial({
      /** The registry's value for what was read (absent when nothing was read, or it is not valid). */
      value: t.unknown,
      reason: SuggestionReason,
      /** Why a `not-valid` or `incomplete` value is not usable, in a sentence. */
      message: t.string,
    }),
  ],
  'ReadFieldOutcome',
);
export type ReadFieldOutcome = t.TypeOf<typeof ReadFieldOutcome>;

export const needsReview = (o: ReadFieldOutcome): boolean => o.status === 'prefilled' || o.status === 'suggested';

export interface Prefill {
  /** The draft's details with every pre-filled value in place (valid DraftDetails). */
  readonly details: DraftDetails;
  /** One outcome per order field the form fills, in the catalogue's order. */
  readonly outcomes: readonly ReadFieldOutcome[];
}

interface Group {
  readonly parts: Record<string, string | boolean>;
  readonly confidence: number;
  readonly where: FormRegion[];
}

/** The reading's boxes grouped by the order field they fill; a part read twice keeps its surer reading. */
const groupByField = (reading: FormReading): Map<ReadableFieldId, Group> => {
  const groups = new Map<ReadableFieldId, { parts: Record<string, { v: string | boolean; c: number }>; where: FormRegion[] }>();
  for (const f of reading.fields) {
    const g = groups.get(f.fills) ?? { parts: {}, where: [] };
    const part = f.part ?? 'value';
    const seen = g.parts[part];
    if (seen === undefined || f.confidence > seen.c) g.parts[part] = { v: f.value, c: f.confidence };
    if (!g.where.some((w) => sameValue(w, f.where))) g.where.push(f.where);
    groups.set(f.fills, g);
  }
  return new Map(
    [...groups].map(([id, g]) => {
      const parts = Object.fromEntries(Object.entries(g.parts).map(([k, p]) => [k, p.v]));
      const confidence = Math.min(...Object.values(g.parts).map((p) => p.c));
      return [id, { parts, confidence, where: g.where }];
    }),
  );
};

/** The outcome as a suggestion only, with the reason. */
const demote = (o: ReadFieldOutcome, reason: SuggestionReason, message?: string): ReadFieldOutcome => ({
  ...o,
  status: 'suggested',
  reason,
  ...(message !== undefined ? { message } : {}),
});

/**
 * Decides, for each order field a reading fills, whether its value goes into the draft or is
 * only offered, and returns the draft with the pre-filled values in place. Pure and total:
 *
 * 1. A value goes in only when the text read is a valid value for the field, the reader's
 *    confidence reaches `minConfidence`, and the draft holds nothing for the field. A value
 *    the draft already holds (the same) needs no review; a different one never overwrites it.
 * 2. A value that needs a field that stayed out (a date of birth without the person's name) is
 *    taken out again and offered instead, so the draft stays valid DraftDetails.
 * 3. The draft's time rules (`checkTimes`: no issue in the future, no birth after the issue)
 *    are applied to what went in; a value that breaks them is taken out and offered.
 */
export const prefillFromReading = (
  reading: FormReading,
  draft: DraftDetails,
  checkTimes: (details: DraftDetails) => E.Either<DomainError, void>,
  minConfidence: number = PREFILL_MIN_CONFIDENCE,
): Prefill => {
  const groups = groupByField(reading);
  let details = draft;
  let outcomes: ReadFieldOutcome[] = [];
  for (const f of READABLE_FIELDS) {
    const g = groups.get(f.id);
    if (g === undefined) continue;
    const base: ReadFieldOutcome = {
      field: f.id,
      label: f.label,
      read: showParts(g.parts),
      parts: g.parts,
      confidence: g.confidence,
      where: g.where,
      status: 'empty',
    };
    const decoded = f.decode(g.parts);
    const current = f.get(draft);
    if (E.isLeft(decoded)) {
      outcomes.push(demote(base, 'not-valid', decoded.left));
      continue;
    }
    const value = decoded.right;
    const withValue = value === undefined ? base : { ...base, value };
    if (value === undefined && current === undefined) {
      // Nothing read and nothing held: only a reader unsure that the box is empty asks for a look.
      outcomes.push(g.confidence < minConfidence ? demote(withValue, 'low-confidence') : withValue);
    } else if (value === undefined && f.absent === 'not-written') {
      outcomes.push(withValue);
    } else if (current !== undefined && sameValue(current, value)) {
      outcomes.push({ ...withValue, status: 'matches-draft' });
    } else if (current !== undefined) {
      outcomes.push(demote(withValue, 'draft-differs'));
    } else if (g.confidence < minConfidence) {
      outcomes.push(demote(withValue, 'low-confidence'));
    } else {
      details = f.set(details, value);
      outcomes.push({ ...withValue, status: 'prefilled' });
    }
  }

  // 2. Every draft key must still decode; a key that does not goes back to what the draft held.
  const invalid = invalidKeys(details);
  if (invalid.size > 0) {
    details = restoreKeys(details, draft, invalid);
    outcomes = outcomes.map((o) =>
      o.status === 'prefilled' && invalid.has(draftKeyOf(o.field))
        ? demote(o, 'incomplete', `${o.label} cannot be entered on its own: ${missingFor(o.field)} was not pre-filled`)
        : o,
    );
  }

  // 3. The draft's time rules, one offending field at a time.
  for (let guard = 0; guard < READABLE_FIELDS.length; guard++) {
    const times = checkTimes(details);
    if (E.isRight(times)) break;
    const at = outcomes.findIndex((o) => o.status === 'prefilled' && o.field === times.left.field);
    if (at < 0) break; // The draft broke the rule before the reading; adding it is for `decide` to judge, not the reading.
    const o = outcomes[at]!;
    const f = readableField(o.field);
    details = f.set(details, f.get(draft));
    outcomes[at] = demote(o, 'incomplete', times.left.message);
  }
  return { details, outcomes };
};

const invalidKeys = (details: DraftDetails): Set<string> => {
  const r = DraftDetails.decode(details);
  if (E.isRight(r)) return new Set();
  return new Set(r.left.map((e) => e.context.find((c, i) => i > 0 && c.key !== '' && !/^\d+$/.test(c.key))?.key ?? '').filter((k) => k !== ''));
};

const restoreKeys = (details: DraftDetails, draft: DraftDetails, keys: Set<string>): DraftDetails => {
  const out: Record<string, unknown> = { ...details };
  for (const k of keys) {
    const held = (draft as Record<string, unknown>)[k];
    if (held === undefined) delete out[k];
    else out[k] = held;
  }
  return out as DraftDetails;
};

const missingFor = (id: ReadableFieldId): string =>
  id.startsWith('restrainedPerson.') ? "the restrained person's name" : id.startsWith('protectedPersons.') ? "the protected person's name (and those listed before)" : 'a field it belongs with';
