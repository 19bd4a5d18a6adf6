import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type ReviewDojResponseInput = CommandFields<'ReviewDojResponse'>;

/** Confirm review of a DOJ answer (CLETS-certified users, by the policy). */
export const reviewDojResponse = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<ReviewDojResponseInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.doj.review',
    build: (orderId, i) => ({ type: 'ReviewDojResponse', orderId, messageId: i.messageId, outcome: i.outcome, ...(i.note ? { note: i.note } : {}) }),
  });
