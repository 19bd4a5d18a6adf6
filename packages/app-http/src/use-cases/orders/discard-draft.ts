import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type DiscardDraftInput = CommandFields<'DiscardDraft'>;

/** Discard a draft; its history stays, as hidden as the draft was. */
export const discardDraft = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<DiscardDraftInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.discard',
    build: (orderId, i) => ({ type: 'DiscardDraft', orderId, ...(i.reason ? { reason: i.reason } : {}) }),
  });
