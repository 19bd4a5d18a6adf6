import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type ModifyOrderInput = CommandFields<'ModifyOrder'>;

/** Modify an order; `orderedAt` is when the court made the change (the DOJ deadline runs from it). */
export const modifyOrder = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<ModifyOrderInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.modify',
    build: (orderId, i) => ({
      type: 'ModifyOrder',
      orderId,
      changes: i.changes,
      ...(i.reason ? { reason: i.reason } : {}),
      ...(i.orderedAt ? { orderedAt: i.orderedAt } : {}),
    }),
  });
