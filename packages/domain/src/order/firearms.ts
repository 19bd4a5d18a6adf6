import * as t from 'io-ts';
import { IsoDateTime } from '../value-objects/dates';
import type { DraftDetails } from './order-details';
import { formInfo } from './order-forms';

const Text = (name: string, min: number, max: number) =>
  t.refinement(t.string, (s) => s.trim().length >= min && s.length <= max, `${name} (${min}–${max} characters)`);

/** One firearm (or lot of ammunition) on a relinquishment receipt and what became of it. */
export const RelinquishedItem = t.intersection(
  [
    t.type({
      description: Text('description', 1, 200),
      disposition: t.keyof({ 'surrendered-to-law-enforcement': null, 'sold-to-licensed-dealer': null, 'stored-with-licensed-dealer': null, 'transferred-to-licensed-dealer': null }),
    }),
    t.partial({ serialNumber: Text('serial number', 1, 40), relinquishedAt: IsoDateTime, receivedBy: Text('agency or dealer', 1, 120) }),
  ],
  'RelinquishedItem',
);

/**
 * The receipt proving relinquishment, filed with the court and the law-enforcement agency
 * within 48 hours of service (Fam. Code 6389(c)(2); CCP 527.9; Pen. Code 18120; the DV-800 /
 * GV-800 family of forms; docs/law/firearms.md). It either lists what was relinquished or
 * states that the restrained person owns or controls none.
 */
export const FirearmReceipt = t.intersection(
  [
    t.type({
      receiptId: Text('receipt id', 1, 64),
      filedAt: IsoDateTime,
      filedBy: t.type({
        name: Text('name', 1, 80),
        role: t.keyof({ 'restrained-person': null, attorney: null, 'law-enforcement': null, 'licensed-dealer': null, other: null }),
      }),
      filedWith: t.refinement(t.array(t.keyof({ court: null, 'law-enforcement': null })), (a) => a.length >= 1, 'filed with the court, the law-enforcement agency or both'),
      outcome: t.union([
        t.type({ kind: t.literal('relinquished'), items: t.refinement(t.array(RelinquishedItem), (a) => a.length >= 1 && a.length <= 200, 'one to two hundred items') }),
        t.type({ kind: t.literal('none-owned') }),
      ]),
    }),
    t.partial({ form: Text('form', 1, 20), notes: Text('notes', 0, 1000) }),
  ],
  'FirearmReceipt',
);
export type FirearmReceipt = t.TypeOf<typeof FirearmReceipt>;

/**
 * Whether the order makes the restrained person relinquish firearms: it carries the
 * relinquishment provision or the firearm condition (PCO 07), or it is a gun violence order,
 * which is about nothing else (Pen. Code 18120). For DV, civil-harassment, workplace, school,
 * elder-abuse and criminal orders the court must include it (Fam. Code 6389(c)(1); CCP 527.9;
 * Pen. Code 136.2(d)), so the clerk enters it from the form (docs/law/firearms.md).
 */
export const firearmsOrdered = (details: DraftDetails): boolean =>
  (details.provisions ?? []).some((p) => p.kind === 'firearm-relinquishment') ||
  (details.pcoCodes ?? []).includes('07' as never) ||
  (details.form !== undefined && formInfo(details.form).type === 'GV');
