import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type RecordServiceInput = CommandFields<'RecordService'>;

/** Record service of the order on the restrained person. */
export const recordService = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<RecordServiceInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.serve',
    build: (orderId, i) => ({ type: 'RecordService', orderId, service: i.service }),
  });
