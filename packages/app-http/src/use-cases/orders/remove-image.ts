import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type RemoveImageInput = CommandFields<'RemoveImage'>;

/** Remove an image reference from the order, with the reason. */
export const removeImage = <R>(deps: OnOrderDeps<R>, request: OnOrderRequest<RemoveImageInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.image.remove',
    build: (orderId, i) => ({ type: 'RemoveImage', orderId, sha256: i.sha256, reason: i.reason }),
  });
