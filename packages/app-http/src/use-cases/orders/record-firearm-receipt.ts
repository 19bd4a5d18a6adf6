import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type RecordFirearmReceiptInput = CommandFields<'RecordFirearmReceipt'>;

/** Record a firearm relinquishment receipt as filed; it meets the order's firearm deadlines (docs/law/firearms.md). */
export const recordFirearmReceipt = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<RecordFirearmReceiptInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.firearms.receipt',
    build: (orderId, i) => ({ type: 'RecordFirearmReceipt', orderId, receipt: i.receipt }),
  });
