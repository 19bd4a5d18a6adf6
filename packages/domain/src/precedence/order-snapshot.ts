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
}

export const categoryOf = (o: OrderSnapshot): OrderCategory => formInfo(o.form).category;

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
});

/** "Case 26FL001234 (DV-130, Superior Court … )" — how explanations name an order. */
export const describeOrder = (o: OrderSnapshot): string => `${o.form} in case ${o.caseNumber}`;
