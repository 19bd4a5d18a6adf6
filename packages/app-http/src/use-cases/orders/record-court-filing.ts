import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type RecordCourtFilingInput = CommandFields<'RecordCourtFiling'>;

/** Record that an emergency order was filed with the court (Pen. Code 18140(c): a gun violence emergency order within three court days). */
export const recordCourtFiling = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<RecordCourtFilingInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.court-filing',
    build: (orderId, i) => ({ type: 'RecordCourtFiling', orderId, filedAt: i.filedAt }),
  });
