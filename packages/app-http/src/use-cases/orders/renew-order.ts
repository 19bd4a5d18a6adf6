import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type RenewOrderInput = CommandFields<'RenewOrder'>;

/** Renew an order; the request must have been filed inside the renewal window (docs/law/durations.md). */
export const renewOrder = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<RenewOrderInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.renew',
    build: (orderId, i) => ({
      type: 'RenewOrder',
      orderId,
      requestFiledOn: i.requestFiledOn,
      expiration: i.expiration,
      ...(i.orderedAt ? { orderedAt: i.orderedAt } : {}),
    }),
  });
