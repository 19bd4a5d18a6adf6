import { formInfo } from './order-forms';
import type { IssuedOrder, OrderState } from './order-state';
import { missingForDoj, type MissingField } from '../rules/doj-readiness';

export type OrderStatus = 'draft' | 'discarded' | 'active' | 'served' | 'canceled' | 'expired';

export const isExpiredAt = (s: IssuedOrder, at: string): boolean => s.expiresAt !== null && Date.parse(s.expiresAt) <= Date.parse(at);

/**
 * Status as a reader sees it at an instant. Expiry is derived at query time, never stored, so an
 * order cannot be shown "active" after it ended just because no event was written.
 */
export const orderStatusAt = (state: OrderState, at: string): OrderStatus | 'none' => {
  switch (state.status) {
    case 'none':
    case 'draft':
    case 'discarded':
      return state.status;
    case 'issued':
      if (state.canceled) return 'canceled';
      if (isExpiredAt(state, at)) return 'expired';
      return state.services.length > 0 ? 'served' : 'active';
  }
};

export interface OrderComputed {
  readonly status: OrderStatus | 'none';
  readonly expired: boolean;
  readonly missingForDoj: readonly MissingField[];
  readonly dojDeadline?: string;
  readonly dojOverdue: boolean;
  readonly stage?: string;
  readonly category?: string;
}

/** Computed fields an order read shows beside its state. */
export const computeOrderView = (state: OrderState, at: string): OrderComputed => {
  const status = orderStatusAt(state, at);
  if (state.status !== 'issued' && state.status !== 'draft') {
    return { status, expired: false, missingForDoj: [], dojOverdue: false };
  }
  const info = state.details.form ? formInfo(state.details.form) : undefined;
  const base = {
    status,
    expired: status === 'expired',
    missingForDoj: missingForDoj(state.details),
    ...(info ? { stage: info.stage, category: info.category } : {}),
  };
  if (state.status === 'draft') return { ...base, dojOverdue: false };
  return {
    ...base,
    dojDeadline: state.dojDeadline,
    dojOverdue: state.doj.lastAcknowledged === undefined && Date.parse(state.dojDeadline) < Date.parse(at),
  };
};
