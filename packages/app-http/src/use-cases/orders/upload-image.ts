import * as E from 'fp-ts/Either';
import { decodeWith, ImageRef, type Clock, type CommandHandler, type CommandInput, type CorruptStream, type GlobalPosition, type HandlerError, type ImageStore, type ImageStoreError, type OrderId, type OrderState, type Principal } from '@ccpor/domain';
import { UPLOAD_EXTRA } from '../../images/image-provenance';
import { authorizeLoaded, loadAuthorized, type OrderRefusal } from './load-authorized';
import type { OrderAccess } from './order-access';
import { actorOf } from './run-order-command';

/**
 * The file of an upload, not read yet. The use case has it read only once the caller may attach
 * images to the order, so a refused caller streams nothing into the image store (ADR 0080).
 */
export interface UploadedFile<U> {
  /**
   * Reads the file, once, into `put`, with the name the client gave it. `U` is the transport's own
   * refusal before or while reading (over HTTP: too large as declared, too many uploads at once, a
   * form that is not readable or has no file).
   */
  receive<T>(put: (content: AsyncIterable<Uint8Array>) => Promise<T>): Promise<E.Either<U, { readonly fileName: string; readonly result: T }>>;
}

export interface UploadImageRequest<U> {
  readonly principal: Principal;
  readonly orderId: OrderId;
  /** The version the caller last saw (HTTP If-Match): another one is a conflict, never retried (ADR 0030). */
  readonly expectedVersion?: number | undefined;
  readonly correlationId: string;
  readonly file: UploadedFile<U>;
  /** What the image is of; an order's image unless said. */
  readonly kind?: ImageRef['kind'] | undefined;
  /** The attached image the upload takes the place of (`ReplaceImage`); absent: attach (`AttachImage`). */
  readonly replaces?: string | undefined;
}

export interface UploadImageDeps<R> {
  readonly commands: Pick<CommandHandler, 'load' | 'handlePrepared'>;
  readonly access: OrderAccess<R>;
  readonly clock: Clock;
  readonly images: Pick<ImageStore, 'put'>;
}

/** Why an upload was not attached. An image the store took stays there, unreferenced, as any upload does until attached. */
export type UploadImageError<R, U> =
  | OrderRefusal<R>
  | CorruptStream
  | { readonly kind: 'upload-refused'; readonly reason: U }
  /** The image store refused the bytes (too large, not a PDF or TIFF, unreadable); `fileName` as the client sent it. */
  | { readonly kind: 'image-refused'; readonly error: ImageStoreError; readonly fileName: string }
  | HandlerError;

export interface UploadImageResult {
  readonly orderId: OrderId;
  /** The reference attached: what the store measured, the kind, the file name. */
  readonly image: ImageRef;
  readonly state: OrderState;
  readonly version: number;
  /** Global position of the last event written; absent when nothing was written. */
  readonly position?: GlobalPosition;
  /** The instant of the answer. */
  readonly at: string;
}

/** A file name as the client sent it, cut to what an ImageRef keeps and without control characters. */
const cleanFileName = (name: string): string | undefined => {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned === '' ? undefined : cleaned;
};

/**
 * Upload an image of an order and attach it, or put it in place of an attached one. The caller is
 * authorized on the order as loaded before a byte of the file is read; the image store hashes,
 * validates by content and keeps the bytes (ADR 0023/0024); then the reference is attached in
 * load–authorize–decide–append, authorized again on the order as it is then (the upload took
 * time, and a concurrent write may have sealed it; ADR 0080). The event records that the bytes
 * came through this caller's upload: the proof a later reference to them needs (ADR 0036).
 */
export const uploadImage = async <R, U>(deps: UploadImageDeps<R>, request: UploadImageRequest<U>): Promise<E.Either<UploadImageError<R, U>, UploadImageResult>> => {
  const { orderId, expectedVersion } = request;
  const allowed = await loadAuthorized(deps, 'order.image.attach', orderId);
  if (E.isLeft(allowed)) return allowed;
  const received = await request.file.receive((content) => deps.images.put(content));
  if (E.isLeft(received)) return E.left({ kind: 'upload-refused', reason: received.left });
  const { fileName, result: stored } = received.right;
  if (E.isLeft(stored)) return E.left({ kind: 'image-refused', error: stored.left, fileName });
  const name = cleanFileName(fileName);
  const decoded = decodeWith(ImageRef)({ ...stored.right, kind: request.kind ?? 'order', ...(name !== undefined ? { fileName: name } : {}) });
  if (E.isLeft(decoded)) return E.left({ kind: 'domain', error: decoded.left });
  const image = decoded.right;
  const command: CommandInput =
    request.replaces !== undefined ? { type: 'ReplaceImage', orderId, previousSha256: request.replaces, image } : { type: 'AttachImage', orderId, image };
  const written = await deps.commands.handlePrepared<OrderRefusal<R>>(orderId, (loaded) => E.map(() => command)(authorizeLoaded(deps.access, 'order.image.attach', orderId, loaded)), {
    actor: actorOf(request.principal),
    correlationId: request.correlationId,
    extra: UPLOAD_EXTRA,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  });
  if (E.isLeft(written)) return E.left(written.left.kind === 'refused' ? written.left.reason : written.left);
  const r = written.right;
  return E.right({ orderId, image, state: r.state, version: r.version, ...(r.position ? { position: r.position } : {}), at: deps.clock.now() });
};
