import { pipeline } from 'node:stream/promises';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { match } from 'ts-pattern';
import { OrderId, type ImageStoreError, type Clock, type CommandHandler, type ImageStore } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { principalOf } from '../http/principal';
import { badRequest, NO_SUCH, Problem } from '../http/problem';
import { imageHolders } from '@ccpor/adapters';
import { unlessViewsDown, type ViewsDownNeeds } from '../conflicts/unless-views-down';
import { orderView } from '../orders/order-view';
import { parseIfMatch } from '../orders/command-routes';
import { guardOrderAccess } from '../orders/guard-order-access';
import { orderCommandProblem } from '../orders/order-command-problem';
import { readImage } from '../use-cases/orders/read-image';
import { uploadImage, type UploadedFile, type UploadImageError } from '../use-cases/orders/upload-image';
import { parseRange } from './byte-range';
import { receiveSingleFile } from './multipart-upload';
import { UploadSlots } from './upload-slots';
import type { Config } from '../config/config';
import type { OrderSearchService } from '../search/order-search-service';

const Sha256Param = t.refinement(t.string, (x) => /^[0-9a-f]{64}$/.test(x), 'sha256 (64 lower-case hex digits)');
const UploadQuery = t.exact(
  t.partial({
    kind: t.keyof({ order: null, 'proof-of-service': null, other: null }),
    /** The attached image the upload takes the place of (`ReplaceImage`). */
    replaces: Sha256Param,
  }),
  'UploadQuery',
);

/** Room for the multipart framing and a few small fields around the file itself. */
export const MULTIPART_OVERHEAD = 64 * 1024;

/** A declared upload past the largest image: the same answer before authentication (app.ts) as after it. */
export const imageTooLarge = (declared: number, limit: number): Problem =>
  new Problem(413, 'IMAGE_TOO_LARGE', 'Image too large', `The upload is ${declared} bytes; the registry accepts images of up to ${limit} bytes.`, { field: 'file', rule: 'CCPOR_IMAGE_MAX_BYTES', limitBytes: limit });

const SHA256 = /^[0-9a-f]{64}$/;
const BINARY = { schema: { type: 'string', format: 'binary' } };

const orderIdOf = (req: Request): OrderId => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

/** The image store's refusal as the problem a client can act on; the file name goes in the message. */
const uploadProblem = (e: ImageStoreError, fileName: string): Problem =>
  match(e)
    .with({ code: 'IMAGE_TOO_LARGE' }, (x) =>
      new Problem(413, 'IMAGE_TOO_LARGE', 'Image too large', `"${fileName}" is larger than the registry accepts (${x.limitBytes} bytes).`, { field: 'file', rule: 'CCPOR_IMAGE_MAX_BYTES', limitBytes: x.limitBytes }),
    )
    .with({ code: 'IMAGE_UNSUPPORTED_TYPE' }, (x) =>
      new Problem(415, 'IMAGE_UNSUPPORTED_TYPE', 'Not a PDF or TIFF', `"${fileName}" is not a PDF or TIFF: its content is ${x.detected}. The content decides, not the file name.`, { field: 'file', detected: x.detected }),
    )
    .with({ code: 'IMAGE_UNREADABLE' }, (x) => new Problem(422, 'IMAGE_UNREADABLE', 'Image unreadable', `"${fileName}" was refused: ${x.reason}.`, { field: 'file' }))
    .with({ code: 'IMAGE_NOT_FOUND' }, () => new Problem(500, 'INTERNAL', 'Internal error', 'The image store lost the upload.'))
    .exhaustive();

/** An upload not attached, as the problem answered; `ifMatchSent`: a version conflict is 412, not 409 (ADR 0030). */
const uploadImageProblem = (e: UploadImageError<Problem, Problem>, ifMatchSent: boolean): Problem => {
  switch (e.kind) {
    case 'upload-refused':
      return e.reason;
    case 'image-refused':
      return uploadProblem(e.error, e.fileName === '' ? 'the file' : e.fileName);
    default:
      return orderCommandProblem(e, ifMatchSent);
  }
};

/** What the image routes read and write: the image store, orders, and the search views for which orders hold bytes. */
export interface ImageRouteNeeds extends ViewsDownNeeds {
  readonly config: Config;
  readonly clock: Clock;
  readonly commands: CommandHandler;
  readonly images: ImageStore;
  readonly search: OrderSearchService;
}

/**
 * Upload and download of an order's images. The upload is a use case (`use-cases/orders/upload-image.ts`):
 * the route decodes, hands it the multipart body to read once the caller is authorized (the one
 * file streamed into the image store: staged while hashed, validated by content, published by
 * rename; ADR 0023/0024), and presents the order with the reference attached. The
 * download serves stored bytes with their media type, the sha256 as a strong ETag, and byte
 * ranges. Both are authorized as the order is, and every decision goes to the access audit.
 */
export const registerImageRoutes = (api: ApiRouter, s: ImageRouteNeeds, guard: Guard): void => {
  const slots = new UploadSlots(s.config.images.maxParallelUploads);
  api.add<undefined, t.TypeOf<typeof UploadQuery>>({
    method: 'post',
    path: '/orders/:orderId/images/upload',
    summary: 'Upload an image of the order (PDF or TIFF, multipart field "file") and attach it, or with `?replaces=<sha256>` put it in place of an attached one',
    tag: 'images',
    query: UploadQuery,
    success: 201,
    headers: ['If-Match'],
    requestContent: {
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'One PDF or TIFF; the content decides the type' } } },
      },
    },
    otherResponses: { '413': 'Image larger than CCPOR_IMAGE_MAX_BYTES', '415': 'Not multipart, or the file is not a PDF or TIFF', '503': 'Too many uploads at once; retry' },
    handler: async ({ req, res, query }) => {
      const expectedVersion = parseIfMatch(req);
      if (!/^multipart\/form-data\b/i.test(req.get('content-type') ?? ''))
        throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the image as multipart/form-data with the file in the field "file".', { field: 'Content-Type' });
      const limit = s.config.images.maxBytes;
      const declared = Number(req.get('content-length') ?? NaN);
      // The body, read only when the use case has authorized the caller (ADR 0080).
      const file: UploadedFile<Problem> = {
        receive: async (put) => {
          // A declared size far past the limit is refused before a byte is read; the connection is
          // closed so the client stops sending.
          if (Number.isFinite(declared) && declared > limit + MULTIPART_OVERHEAD) {
            res.setHeader('Connection', 'close');
            return E.left(imageTooLarge(declared, limit));
          }
          const release = slots.take();
          if (release === undefined) {
            res.setHeader('Retry-After', '5');
            res.setHeader('Connection', 'close');
            return E.left(new Problem(503, 'UPLOADS_BUSY', 'Too many uploads', 'The registry is processing as many uploads as it allows at once; retry in a few seconds.', { rule: 'CCPOR_IMAGE_MAX_PARALLEL_UPLOADS' }));
          }
          try {
            const received = await receiveSingleFile(req, { field: 'file', maxBytes: limit }, put);
            if (received.kind === 'refused') return E.left(badRequest('INVALID_UPLOAD', `The upload was refused: ${received.reason}.`, 'file'));
            return E.right({ fileName: received.fileName, result: received.result });
          } finally {
            release();
          }
        },
      };
      const principal = principalOf(res);
      const uploaded = await uploadImage(
        { commands: s.commands, access: guardOrderAccess(guard, req, res), clock: s.clock, images: s.images },
        { principal, orderId: orderIdOf(req), expectedVersion, correlationId: String(req.id), file, kind: query.kind, replaces: query.replaces },
      );
      if (E.isLeft(uploaded)) throw uploadImageProblem(uploaded.left, expectedVersion !== undefined);
      const r = uploaded.right;
      res.setHeader('ETag', `"${r.version}"`);
      if (r.position) res.setHeader('X-CCPOR-Position', r.position);
      res.setHeader('Location', `${req.baseUrl}/orders/${r.orderId}/images/${r.image.sha256}`);
      return { image: r.image, order: orderView(r.orderId, r.state, r.version, principal, r.at) };
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:orderId/images/:sha256',
    summary: 'Download an image of the order (byte ranges supported)',
    tag: 'images',
    success: 200,
    headers: ['Range', 'If-Range', 'If-None-Match'],
    responseContent: { 'application/pdf': BINARY, 'image/tiff': BINARY },
    otherResponses: { '206': 'The requested byte range', '304': 'Not modified (If-None-Match)', '416': 'The range starts past the end of the image' },
    handler: async ({ req, res }) => {
      const sha256 = typeof req.params.sha256 === 'string' ? req.params.sha256 : '';
      if (!SHA256.test(sha256)) throw badRequest('INVALID_VALUE', 'sha256: must be 64 lower-case hex digits', 'sha256');
      const orderId = orderIdOf(req);
      const read = await readImage(
        {
          commands: s.commands,
          access: guardOrderAccess(guard, req, res),
          images: s.images,
          // The bytes are stored once whoever sent them: reading them is reading every order that holds them (ADR 0036).
          holders: (sha) => unlessViewsDown(s, () => imageHolders(s.search.views.db, sha, s.search.views.schema)),
        },
        { principal: principalOf(res), orderId, sha256 },
      );
      if (E.isLeft(read)) {
        const e = read.left;
        if (e.kind === 'image-not-on-order') throw NO_SUCH.image();
        if (e.kind === 'holders-unavailable') throw new Problem(503, 'CHECK_UNAVAILABLE', 'Try again', 'The registry cannot check which orders hold this image right now; try again shortly.', { rule: 'ADR 0036' });
        if (e.kind === 'image-not-stored') {
          s.logger.error({ orderId, sha256 }, 'an attached image is missing from the image store');
          throw new Problem(404, 'IMAGE_NOT_STORED', 'Not found', 'The order refers to this image, but the image store does not have its bytes; an administrator has to restore it.', { field: 'sha256' });
        }
        throw orderCommandProblem(e, false);
      }
      const stat = read.right;
      // The hash is the content: a strong validator that never changes for this URL.
      const etag = `"${sha256}"`;
      res.setHeader('ETag', etag);
      res.setHeader('Accept-Ranges', 'bytes');
      // Images of sealed or confidential orders must not sit in shared caches.
      res.setHeader('Cache-Control', 'private, no-cache');
      const inm = req.get('if-none-match');
      if (inm !== undefined && inm.split(',').some((v) => v.trim().replace(/^W\//, '') === etag || v.trim() === '*')) {
        res.status(304).end();
        return;
      }
      const ifRange = req.get('if-range');
      const range = ifRange !== undefined && ifRange.trim() !== etag ? { kind: 'whole' as const } : parseRange(req.get('range'), stat.bytes);
      if (range.kind === 'unsatisfiable') {
        res.setHeader('Content-Range', `bytes */${stat.bytes}`);
        throw new Problem(416, 'RANGE_NOT_SATISFIABLE', 'Range not satisfiable', `The image has ${stat.bytes} bytes; the range asked for starts past its end.`, { field: 'Range' });
      }
      const { start, end } = range.kind === 'part' ? range : { start: 0, end: stat.bytes - 1 };
      const body = await s.images.read(sha256, { start, end });
      if (E.isLeft(body)) throw uploadProblem(body.left, sha256);
      res.status(range.kind === 'part' ? 206 : 200);
      if (range.kind === 'part') res.setHeader('Content-Range', `bytes ${start}-${end}/${stat.bytes}`);
      res.setHeader('Content-Type', stat.mediaType);
      res.setHeader('Content-Length', String(end - start + 1));
      res.setHeader('Content-Disposition', `inline; filename="${sha256.slice(0, 16)}.${stat.mediaType === 'application/pdf' ? 'pdf' : 'tif'}"`);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      // A client that hangs up mid-download ends the pipeline; nothing else is left to clean up.
      await pipeline(body.right, res).catch((err: unknown) => {
        if (!res.writableFinished) s.logger.debug({ err, orderId }, 'image download ended early');
      });
    },
  });
};
