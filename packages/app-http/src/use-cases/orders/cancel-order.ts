import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type CancelOrderInput = CommandFields<'CancelOrder'>;

/** Cancel (terminate) an order; `orderedAt` is when the court terminated it (the DOJ deadline runs from it). */
export const cancelOrder = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<CancelOrderInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.cancel',
    build: (orderId, i) => ({
      type: 'CancelOrder',
      orderId,
      reason: i.reason,
      ...(i.note ? { note: i.note } : {}),
      ...(i.supersededBy ? { supersededBy: i.supersededBy } : {}),
      ...(i.orderedAt ? { orderedAt: i.orderedAt } : {}),
    }),
  });
