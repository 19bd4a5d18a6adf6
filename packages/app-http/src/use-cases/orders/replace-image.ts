import { runOnOrder, type CommandFields, type ImageReferenceDeps, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type ReplaceImageInput = CommandFields<'ReplaceImage'>;

/** Put in place of an attached image one the caller uploaded to this order, named by its hash (ADR 0036). */
export const replaceImage = <R>(deps: OnOrderDeps<R> & ImageReferenceDeps, request: OnOrderRequest<ReplaceImageInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.image.attach',
    reference: { image: (i) => i.image, images: deps.images },
    build: (orderId, i) => ({ type: 'ReplaceImage', orderId, previousSha256: i.previousSha256, image: i.image }),
  });
