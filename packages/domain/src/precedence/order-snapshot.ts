import type { IssuedOrder, OrderState } from '../order/order-state';
import { formInfo, type FormNumber, type OrderCategory } from '../order/order-forms';
import type { Provision } from '../order/provisions';

/**
 * What precedence needs to know about one order between a restrained person and a protected
 * person: enough to say whether it is in force and what it requires. Built from an order's
 * state, or from a proposed order a judge is about to issue.
 */
export interface OrderSnapshot {
  readonly orderId: string;
  readonly form: FormNumber;
  readonly caseNumber: string;
  readonly courtName: string;
  readonly issuedAt: string;
  /** null = non-expiring. */
  readonly expiresAt: string | null;
  readonly status: 'issued' | 'canceled' | 'draft' | 'discarded';
  readonly provisions: readonly Provision[];
  /**
   * Whether a proof of service is recorded; an order in force that was never served is shown
   * with the officer's notice (Fam. Code 6383(e); docs/law/service.md). Absent: not known.
   */
  readonly served?: boolean;
}

/**
 * The order's place on the ladder: only an emergency protective order under Fam. Code 6250 et
 * seq. or Pen. Code 646.91 is `emergency` (Pen. Code 136.2(c)(1)); see order-forms.ts.
 */
export const categoryOf = (o: OrderSnapshot): OrderCategory => formInfo(o.form).category;

/** A registered Canadian order, for which Fam. Code 6457 restates the ladder. */
export const isCanadian = (o: OrderSnapshot): boolean => formInfo(o.form).type === 'CAN';

export const snapshotOf = (state: OrderState): OrderSnapshot | undefined => {
  if (state.status !== 'issued') return undefined;
  return issuedSnapshot(state);
};

const issuedSnapshot = (s: IssuedOrder): OrderSnapshot => ({
  orderId: s.orderId,
  form: s.details.form,
  caseNumber: s.details.caseNumber,
  courtName: s.details.court.name,
  issuedAt: s.details.issuedAt,
  expiresAt: s.expiresAt,
  status: s.canceled ? 'canceled' : 'issued',
  provisions: s.details.provisions ?? [],
  served: s.services.length > 0,
});

/** "DV-130 in case 26FL001234" — how explanations name an order. */
export const describeOrder = (o: OrderSnapshot): string => `${o.form} in case ${o.caseNumber}`;
