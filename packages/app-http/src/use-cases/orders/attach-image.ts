import { runOnOrder, type CommandFields, type ImageReferenceDeps, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type AttachImageInput = CommandFields<'AttachImage'>;

/**
 * Attach again, by its hash, an image the caller uploaded to this order (or an import attached):
 * the order's own history must show where the bytes came from, and the store must hold them as
 * the reference describes them (ADR 0036). Bytes are uploaded through the image upload route.
 */
export const attachImage = <R>(deps: OnOrderDeps<R> & ImageReferenceDeps, request: OnOrderRequest<AttachImageInput>): Promise<OrderCommandOutcome<R>> =>
  runOnOrder(deps, request, {
    action: 'order.image.attach',
    reference: { image: (i) => i.image, images: deps.images },
    build: (orderId, i) => ({ type: 'AttachImage', orderId, image: i.image }),
  });
