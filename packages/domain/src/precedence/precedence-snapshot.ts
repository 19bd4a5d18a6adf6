import type { OrderState } from '../order/order-state';
import { snapshotOf, type OrderSnapshot } from './order-snapshot';

/**
 * The order as precedence sees it: an issued order as it stands, a draft as the order it would
 * become if issued now (its issue time, when given and not in the future, else `at`). A draft
 * without a form cannot be placed on the ladder yet: undefined.
 */
export const precedenceSnapshotOf = (state: OrderState, at: string): OrderSnapshot | undefined => {
  if (state.status === 'issued') return snapshotOf(state);
  if (state.status !== 'draft' || state.details.form === undefined) return undefined;
  const d = state.details;
  const issuedAt = d.issuedAt !== undefined && Date.parse(d.issuedAt) <= Date.parse(at) ? d.issuedAt : at;
  return {
    orderId: state.orderId,
    form: d.form!,
    caseNumber: d.caseNumber ?? '(no case number yet)',
    courtName: d.court?.name ?? '',
    issuedAt,
    expiresAt: null,
    status: 'draft',
    provisions: d.provisions ?? [],
  };
};
