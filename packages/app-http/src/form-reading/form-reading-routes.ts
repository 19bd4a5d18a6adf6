import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { match } from 'ts-pattern';
import { DraftDetails, imagesOf, OrderId, pendingReadFields, ReadableFieldId, type FormReadError, type ImageRef, type OrderState, type Clock, type IdGenerator, type CommandHandler, type ImageStore } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import { actorOf, principalOf } from '../http/principal';
import { badRequest, fromHandlerError, Problem } from '../http/problem';
import { parseIfMatch } from '../orders/command-routes';
import { factsOf } from '../orders/order-facts';
import { orderView } from '../orders/order-view';
import { readingView, type ReadingProgress } from './reading-view';
import type { FormReadingService } from '@ccpor/adapters';
import type { Logger } from 'pino';

const Sha256 = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'sha256 (64 lower-case hex digits)');

const ReadBody = bodyCodec('Body', {}, { imageSha256: Sha256 });
const ReviewBody = bodyCodec(
  'Body',
  { readingId: OrderId },
  { accept: t.array(ReadableFieldId), correct: t.array(ReadableFieldId), details: DraftDetails, clear: t.array(t.keyof(DraftDetails.props)) },
);

const orderIdOf = (req: Request): OrderId => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

/** A reader's refusal as the problem a client can act on. Nothing was changed on the draft. */
const readProblem = (e: FormReadError): Problem =>
  match(e)
    .with({ code: 'UNKNOWN_FORM' }, (x) => new Problem(422, 'UNKNOWN_FORM', 'Form not recognised', x.message, { field: 'imageSha256', found: x.found }))
    .with({ code: 'UNKNOWN_REVISION' }, (x) =>
      new Problem(422, 'UNKNOWN_FORM_REVISION', 'Form revision not known', x.message, { field: 'imageSha256', form: x.form, revision: x.revision, known: x.known }),
    )
    .with({ code: 'NOTHING_TO_READ' }, (x) => new Problem(422, 'NOTHING_TO_READ', 'Nothing to read', x.message, { field: 'imageSha256' }))
    .with({ code: 'IMAGE_UNREADABLE' }, (x) => new Problem(422, 'IMAGE_UNREADABLE', 'Image unreadable', x.message, { field: 'imageSha256' }))
    .with({ code: 'READER_BUSY' }, (x) =>
      new Problem(503, 'FORM_READER_BUSY', 'Form reader busy', x.message, { rule: 'CCPOR_FORM_OCR_QUEUE_PAGES', retryAfterSeconds: x.retryAfterSeconds }),
    )
    .exhaustive();

const collect = async (chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> => {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return new Uint8Array(Buffer.concat(parts));
};

/** What the form-reading routes read and write: the readers, the image store and drafts. */
export interface FormReadingRouteNeeds {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly images: ImageStore;
  readonly formReading: FormReadingService;
  readonly logger: Logger;
}

/**
 * "Read this form" on an image-first draft (issue 20): the attached image is read with the best
 * reader it allows (fillable fields, text layer, OCR off the request thread) and the reading is
 * applied to the draft with ApplyFormReading; the clerk then confirms or corrects each field
 * with ReviewReadFields. A form the registry cannot read is refused with the reason and the draft
 * stays as it was. Every route is the draft's editor's (`order.draft`): a reading holds the
 * parties' names and dates of birth as read from the image.
 */
export const registerFormReadingRoutes = (api: ApiRouter, s: FormReadingRouteNeeds, guard: Guard): void => {
  /** Readings running now, by order: what GET shows as progress, and what keeps a second read of the same draft out. */
  const running = new Map<string, ReadingProgress>();

  const loadDraft = async (req: Request, res: Parameters<Guard['order']>[1]) => {
    const orderId = orderIdOf(req);
    const loaded = await s.commands.load(orderId);
    if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
    const { state, version } = loaded.right;
    if (state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
    const principal = guard.order(req, res, 'order.draft', factsOf(state), orderId);
    return { orderId, state, version, principal };
  };

  const imageToRead = (state: OrderState, sha: string | undefined): ImageRef => {
    const images = imagesOf(state);
    const image = sha !== undefined ? images.find((i) => i.sha256 === sha) : (images.find((i) => i.kind === 'order') ?? images[0]);
    if (image === undefined) {
      throw sha !== undefined
        ? new Problem(404, 'IMAGE_NOT_ATTACHED', 'Not found', 'The draft has no image with this sha256.', { field: 'imageSha256' })
        : new Problem(409, 'NO_IMAGE', 'No image to read', 'Attach the image of the signed form to the draft first, then read it.', { field: 'imageSha256' });
    }
    return image;
  };

  api.add<t.TypeOf<typeof ReadBody>, unknown>({
    method: 'post',
    path: '/orders/:orderId/form-reading',
    summary: 'Read the draft’s image of the filled-in form and pre-fill the draft (the clerk then confirms each field)',
    tag: 'form reading',
    body: ReadBody,
    success: 201,
    headers: ['If-Match'],
    otherResponses: {
      '409': 'Not a draft, no image attached, a reading of this draft already running or under review',
      '422': 'The form is not one the registry has a layout for (UNKNOWN_FORM, UNKNOWN_FORM_REVISION), the image cannot be read, or it is another form than the draft’s (FORM_MISMATCH)',
      '503': 'FORM_READER_BUSY: as many scanned pages are waiting for OCR as the registry queues; retry after Retry-After seconds',
    },
    handler: async ({ req, res, body }) => {
      const expectedVersion = parseIfMatch(req);
      const { orderId, state } = await loadDraft(req, res);
      if (state.status !== 'draft') throw new Problem(409, 'NOT_A_DRAFT', 'Conflict', 'Only a draft is pre-filled from its form; this order is already in the registry.');
      const pending = pendingReadFields(state.reading);
      if (pending.length > 0) {
        throw new Problem(409, 'READING_UNDER_REVIEW', 'Conflict', `The draft's reading still has ${pending.length} field(s) to confirm or correct; finish that review first.`, {
          readingId: state.reading?.readingId,
        });
      }
      if (running.has(orderId)) throw new Problem(409, 'READING_IN_PROGRESS', 'Conflict', 'This draft’s form is being read now; see GET …/form-reading for its progress.');
      const image = imageToRead(state, body.imageSha256);
      const bytes = await s.images.read(image.sha256);
      if (E.isLeft(bytes)) throw new Problem(404, 'IMAGE_NOT_STORED', 'Not found', 'The draft refers to this image, but the image store does not have its bytes.', { field: 'imageSha256' });
      const progress: ReadingProgress = { imageSha256: image.sha256, pagesDone: 0, pages: image.pages, startedAt: s.clock.now() };
      running.set(orderId, progress);
      const abort = new AbortController();
      // A client that hangs up stops the OCR of the pages not yet read.
      res.on('close', () => {
        if (!res.writableFinished) abort.abort(new Error('client gone'));
      });
      let read;
      try {
        read = await s.formReading.read(
          { bytes: await collect(bytes.right), mediaType: image.mediaType },
          { signal: abort.signal, progress: (p) => running.set(orderId, { ...progress, pagesDone: p.pagesDone, pages: p.pages }) },
        );
      } finally {
        running.delete(orderId);
      }
      if (E.isLeft(read)) {
        if (read.left.code === 'READER_BUSY') res.setHeader('Retry-After', String(read.left.retryAfterSeconds));
        // Outcomes only: the file's contents and names stay out of the log.
        s.logger.info({ orderId, outcome: read.left.code }, 'form not read');
        throw readProblem(read.left);
      }
      const result = await s.commands.handle(
        { type: 'ApplyFormReading', orderId, readingId: s.ids.newId() as OrderId, imageSha256: image.sha256, reading: read.right },
        { actor: actorOf(principalOf(res)), correlationId: String(req.id), ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
      );
      if (E.isLeft(result)) throw fromHandlerError(result.left, expectedVersion !== undefined);
      const r = result.right;
      s.logger.info({ orderId, outcome: 'read', reader: read.right.reader, form: read.right.form }, 'form read');
      res.setHeader('ETag', `"${r.version}"`);
      if (r.position) res.setHeader('X-CCPOR-Position', r.position);
      res.setHeader('Location', `${req.baseUrl}/orders/${orderId}/form-reading`);
      const principal = principalOf(res);
      return { reading: readingView(r.state, undefined, principal), order: orderView(orderId, r.state, r.version, principal, s.clock.now()) };
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:orderId/form-reading',
    summary: 'The draft’s form reading: each field read with its confidence, region and status, and the progress of a reading under way',
    tag: 'form reading',
    success: 200,
    handler: async ({ req, res }) => {
      const { orderId, state, version, principal } = await loadDraft(req, res);
      res.setHeader('ETag', `"${version}"`);
      return readingView(state, running.get(orderId), principal);
    },
  });

  api.add<t.TypeOf<typeof ReviewBody>, unknown>({
    method: 'post',
    path: '/orders/:orderId/form-reading/review',
    summary: 'Confirm (accept) or correct fields read from the form; the order can be added once every read field is reviewed',
    tag: 'form reading',
    body: ReviewBody,
    success: 200,
    headers: ['If-Match', 'Idempotency-Key'],
    handler: async ({ req, res, body }) => {
      const expectedVersion = parseIfMatch(req);
      const { orderId, principal } = await loadDraft(req, res);
      const result = await s.commands.handle(
        {
          type: 'ReviewReadFields',
          orderId,
          readingId: body.readingId,
          ...(body.accept ? { accept: body.accept } : {}),
          ...(body.correct ? { correct: body.correct } : {}),
          ...(body.details ? { details: body.details } : {}),
          ...(body.clear ? { clear: body.clear } : {}),
        },
        { actor: actorOf(principal), correlationId: String(req.id), ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
      );
      if (E.isLeft(result)) throw fromHandlerError(result.left, expectedVersion !== undefined);
      const r = result.right;
      res.setHeader('ETag', `"${r.version}"`);
      if (r.position) res.setHeader('X-CCPOR-Position', r.position);
      return { reading: readingView(r.state, undefined, principal), order: orderView(orderId, r.state, r.version, principal, s.clock.now()) };
    },
  });

  api.add({
    method: 'get',
    path: '/form-reading/status',
    summary: 'How busy the form reader is: scanned pages in OCR and waiting, the queue’s size, and seconds per page',
    tag: 'form reading',
    success: 200,
    handler: ({ req, res }) => {
      guard.global(req, res, 'search');
      return { ...s.formReading.status(), readingsInProgress: running.size };
    },
  });
};
