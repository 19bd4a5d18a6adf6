import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Request, Response } from 'express';
import {
  CancelReason,
  DojReviewOutcome,
  DraftDetails,
  ExpirationInput,
  FirearmReceipt,
  FormNumber,
  ImageRef,
  IsoDateTime,
  OrderChanges,
  OrderDate,
  OrderId,
  ServiceRecord,
  type Clock,
  type CommandHandler,
  type IdGenerator,
  type ImageStore,
  type PartyConflicts,
} from '@ccpor/domain';
import type { CarposService } from '../carpos/carpos-service';
import type { Config } from '../config/config';
import type { ApiRouter, Method } from '../http/api-router';
import type { Guard } from '../http/guard';
import { bodyCodec } from '../http/body-codec';
import { principalOf } from '../http/principal';
import { badRequest, type Problem } from '../http/problem';
import { CommandWarnings, jsonContent } from '../conflicts/precedence-codecs';
import { CHECK_UNAVAILABLE, type ViewsDownNeeds } from '../conflicts/unless-views-down';
import { WARNING_ROUTES } from '../conflicts/warning-routes';
import type { OrderSearchService } from '../search/order-search-service';
import { addFromDraft } from '../use-cases/orders/add-from-draft';
import { addOrder } from '../use-cases/orders/add-order';
import { attachImage } from '../use-cases/orders/attach-image';
import { cancelOrder } from '../use-cases/orders/cancel-order';
import { cloneOrder } from '../use-cases/orders/clone-order';
import { createDraft } from '../use-cases/orders/create-draft';
import { discardDraft } from '../use-cases/orders/discard-draft';
import { modifyOrder } from '../use-cases/orders/modify-order';
import { recordCourtFiling } from '../use-cases/orders/record-court-filing';
import { recordFirearmReceipt } from '../use-cases/orders/record-firearm-receipt';
import { recordService } from '../use-cases/orders/record-service';
import { removeImage } from '../use-cases/orders/remove-image';
import { renewOrder } from '../use-cases/orders/renew-order';
import { replaceImage } from '../use-cases/orders/replace-image';
import { reviewDojResponse } from '../use-cases/orders/review-doj-response';
import { updateDraft } from '../use-cases/orders/update-draft';
import type { OnOrderRequest, OrderCommandOutcome, OrderCommandRequest, OrderCommandResult } from '../use-cases/orders/run-order-command';
import { guardOrderAccess } from './guard-order-access';
import { orderCommandProblem } from './order-command-problem';
import { orderView } from './order-view';

/** `?wait=true` (up to CCPOR_WAIT_MAX_MS) or `?wait=<ms>`: answer once the search view has the write. */
export const WaitQuery = t.exact(t.partial({ wait: t.refinement(t.string, (s) => s === 'true' || /^\d{1,6}$/.test(s), 'wait (true or milliseconds)') }), 'WaitQuery');

const Note = t.refinement(t.string, (s) => s.length <= 2000, 'text (at most 2000 characters)');
const Sha256 = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'sha256 (64 lower-case hex digits)');

/** If-Match: "n" (or W/"n") → expected version n; absent → undefined; anything else is a 400. */
export const parseIfMatch = (req: Request): number | undefined => {
  const h = req.get('if-match');
  if (h === undefined || h.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(h);
  if (!m) throw badRequest('INVALID_IF_MATCH', 'If-Match must be the ETag of the order as read, e.g. "3".', 'If-Match', 'RFC 9110 §13.1.1');
  return Number(m[1]);
};

/** What the order command routes read: what their use cases need, and the longest `?wait`. */
export interface CommandRouteNeeds extends ViewsDownNeeds {
  readonly config: Config;
  readonly commands: CommandHandler;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly images: ImageStore;
  readonly search: OrderSearchService;
  readonly partyConflicts: PartyConflicts;
  /** The CARPOS gateway, when this process runs it. */
  readonly carpos?: CarposService;
}

/** The use cases' dependencies for one request: the services, and the request's guard as their access port. */
const useCaseDeps = (s: CommandRouteNeeds, guard: Guard, req: Request, res: Response) => ({
  commands: s.commands,
  access: guardOrderAccess(guard, req, res),
  clock: s.clock,
  ids: s.ids,
  images: s.images,
  carpos: s.carpos,
  search: s.search,
  partyConflicts: s.partyConflicts,
  logger: s.logger,
});
type Deps = ReturnType<typeof useCaseDeps>;
type Outcome = Promise<OrderCommandOutcome<Problem>>;

interface RouteShape<B> {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly body: t.Type<B, unknown, unknown>;
}

/**
 * One route per order command: what it decodes, and the use case it calls. 'new' commands start a
 * stream (the server picks the id unless the body names one); a clone reads the order in the path
 * and starts a new one; the others act on the order in the path, under If-Match.
 */
type CommandRoute<B> = RouteShape<B> &
  (
    | { readonly target: 'new'; readonly call: (deps: Deps, request: OrderCommandRequest<B>) => Outcome }
    | { readonly target: 'existing' | 'clone'; readonly call: (deps: Deps, request: OnOrderRequest<B>, params: Readonly<Record<string, string>>) => Outcome }
  );

const route = <B>(r: CommandRoute<B>) => r as unknown as CommandRoute<unknown>;

export const COMMAND_ROUTES: readonly CommandRoute<unknown>[] = [
  route({
    method: 'post',
    path: '/orders/drafts',
    summary: 'Create a draft order (details may be incomplete)',
    target: 'new',
    body: bodyCodec('Body', { details: DraftDetails }, { orderId: OrderId }),
    call: createDraft,
  }),
  route({
    method: 'patch',
    path: '/orders/:orderId/draft',
    summary: 'Update a draft',
    target: 'existing',
    body: bodyCodec('Body', { details: DraftDetails }, { clear: t.array(t.keyof(DraftDetails.props)) }),
    call: updateDraft,
  }),
  route({
    method: 'delete',
    path: '/orders/:orderId/draft',
    summary: 'Discard a draft',
    target: 'existing',
    body: bodyCodec('Body', {}, { reason: Note }),
    call: discardDraft,
  }),
  route({
    method: 'post',
    path: '/orders',
    summary: 'Add an order directly (all registry fields present)',
    target: 'new',
    body: bodyCodec('Body', { details: DraftDetails }, { orderId: OrderId }),
    call: addOrder,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/add',
    summary: 'Add an order from its draft (details merged over the draft)',
    target: 'existing',
    body: bodyCodec('Body', {}, { details: DraftDetails }),
    call: addFromDraft,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/modifications',
    summary: 'Modify an order',
    target: 'existing',
    body: bodyCodec('Body', { changes: OrderChanges }, { reason: Note, orderedAt: IsoDateTime }),
    call: modifyOrder,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/renewals',
    summary: 'Renew an order',
    target: 'existing',
    body: bodyCodec('Body', { requestFiledOn: OrderDate, expiration: ExpirationInput }, { orderedAt: IsoDateTime }),
    call: renewOrder,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/services',
    summary: 'Record service of the order on the restrained person',
    target: 'existing',
    body: bodyCodec('Body', { service: ServiceRecord }),
    call: recordService,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/cancellation',
    summary: 'Cancel (terminate) an order',
    target: 'existing',
    body: bodyCodec('Body', { reason: CancelReason }, { note: Note, supersededBy: OrderId, orderedAt: IsoDateTime }),
    call: cancelOrder,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/clones',
    summary: 'Clone an order into a new draft of your agency',
    target: 'clone',
    body: bodyCodec('Body', {}, { form: FormNumber, orderId: OrderId }),
    call: cloneOrder,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/images',
    summary: 'Attach again, by its hash, an image you uploaded to this order (or an import attached); anything else is uploaded (POST …/images/upload)',
    target: 'existing',
    body: bodyCodec('Body', { image: ImageRef }),
    call: attachImage,
  }),
  route({
    method: 'put',
    path: '/orders/:orderId/images/:sha256',
    summary: 'Replace an attached image by one you uploaded to this order, named by its hash (or upload it with ?replaces=)',
    target: 'existing',
    body: bodyCodec('Body', { image: ImageRef }),
    call: (deps, r, params) => replaceImage(deps, { ...r, input: { previousSha256: params.sha256!, image: r.input.image } }),
  }),
  route({
    method: 'delete',
    path: '/orders/:orderId/images/:sha256',
    summary: 'Remove an image reference',
    target: 'existing',
    body: bodyCodec('Body', { reason: Note }),
    call: (deps, r, params) => removeImage(deps, { ...r, input: { sha256: params.sha256!, reason: r.input.reason } }),
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/doj-reviews',
    summary: 'Confirm review of a DOJ answer (CLETS-certified users)',
    target: 'existing',
    body: bodyCodec('Body', { messageId: t.string, outcome: DojReviewOutcome }, { note: Note }),
    call: reviewDojResponse,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/firearm-receipts',
    summary: 'Record a firearm relinquishment receipt as filed (when, by whom, what was relinquished or that none is owned); it meets the order’s firearm deadlines (docs/law/firearms.md)',
    target: 'existing',
    body: bodyCodec('Body', { receipt: FirearmReceipt }),
    call: recordFirearmReceipt,
  }),
  route({
    method: 'post',
    path: '/orders/:orderId/court-filing',
    summary: 'Record that an emergency order was filed with the court (Pen. Code 18140(c): a gun violence emergency order within three court days)',
    target: 'existing',
    body: bodyCodec('Body', { filedAt: IsoDateTime }),
    call: recordCourtFiling,
  }),
];

const paramId = (req: Request): OrderId => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

const waitMs = (wait: string | undefined, max: number): number | undefined =>
  wait === undefined ? undefined : wait === 'true' ? max : Math.min(Number(wait), max);

/** The conflicts check of a draft or an add as the answer carries it. */
const warningsOf = (r: OrderCommandResult) =>
  r.conflicts === undefined
    ? {}
    : r.conflicts.checked
      ? { warnings: r.conflicts.warnings, ...(r.conflicts.withheldOrders > 0 ? { withheldOrders: r.conflicts.withheldOrders } : {}) }
      : { warningsUnavailable: CHECK_UNAVAILABLE };

/**
 * Every order command route: decode the path, body, If-Match and `?wait`, call the use case,
 * present its result (ETag, Location, read-your-writes headers, the order as the caller may see
 * it) or its error as the problem document. Authorization and audit happen in the use case.
 */
export const registerCommandRoutes = (api: ApiRouter, s: CommandRouteNeeds, guard: Guard): void => {
  for (const c of COMMAND_ROUTES) {
    api.add({
      method: c.method,
      path: c.path,
      summary: c.summary,
      tag: 'orders',
      body: c.body,
      query: WaitQuery,
      success: c.target === 'existing' ? 200 : 201,
      headers: c.target === 'existing' ? ['If-Match', 'Idempotency-Key'] : ['Idempotency-Key'],
      ...(WARNING_ROUTES.has(`${c.method} ${c.path}`) ? { responseContent: jsonContent(CommandWarnings) } : {}),
      handler: async ({ req, res, body, query }) => {
        if (req.params.sha256 !== undefined && !Sha256.is(req.params.sha256)) throw badRequest('INVALID_VALUE', 'sha256: must be 64 lower-case hex digits', 'sha256');
        const expectedVersion = c.target === 'existing' ? parseIfMatch(req) : undefined;
        const request = { principal: principalOf(res), input: body, correlationId: String(req.id), waitMs: waitMs(query.wait, s.config.waitMaxMs) };
        const deps = useCaseDeps(s, guard, req, res);
        const outcome =
          c.target === 'new' ? await c.call(deps, request) : await c.call(deps, { ...request, orderId: paramId(req), expectedVersion }, req.params as Record<string, string>);
        if (E.isLeft(outcome)) throw orderCommandProblem(outcome.left, expectedVersion !== undefined);
        const r = outcome.right;
        res.setHeader('ETag', `"${r.version}"`);
        if (r.position) res.setHeader('X-CCPOR-Position', r.position);
        if (r.searchCaughtUp !== undefined) res.setHeader('X-CCPOR-Search-Caught-Up', String(r.searchCaughtUp));
        if (c.target !== 'existing') res.setHeader('Location', `${req.baseUrl}/orders/${r.orderId}`);
        return { ...orderView(r.orderId, r.state, r.version, request.principal, r.at), ...warningsOf(r) };
      },
    });
  }
};
