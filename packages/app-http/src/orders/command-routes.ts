import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
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
  type CommandInput,
  type HandlerError,
  type HandlerResult,
  type LoadedOrder,
  type PreparedCommandError,
  type Ori,
  type OrderAction,
  type OrderFacts,
  type OrderState,
} from '@ccpor/domain';
import type { Request } from 'express';
import type { AppServices } from '../composition/services';
import type { ApiRouter, Method } from '../http/api-router';
import type { Guard } from '../http/guard';
import { bodyCodec } from '../http/body-codec';
import { actorOf, principalOf, type Authenticated } from '../http/principal';
import { badRequest, fromHandlerError, NO_SUCH, Problem } from '../http/problem';
import { CommandWarnings, jsonContent } from '../conflicts/precedence-codecs';
import { CHECK_UNAVAILABLE, unlessViewsDown } from '../conflicts/unless-views-down';
import { WARNING_ROUTES } from '../conflicts/warning-routes';
import { checkStoredImage, imageProvenance } from '../images/image-provenance';
import { factsOf } from './order-facts';
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

interface CommandSpec<B> {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly action: OrderAction;
  readonly body: t.Type<B, unknown, unknown>;
  /** 'new' commands start a stream: the server picks the id unless the body names one. */
  readonly target: 'existing' | 'new' | 'clone';
  readonly facts?: (body: B) => OrderFacts;
  /** The issuing court the command enters the order under, when it names one (ADR 0034). */
  readonly court?: (body: B, state: OrderState) => string | undefined;
  /** An image the command names by its hash, which the caller must have uploaded to the order (ADR 0036). */
  readonly reference?: (body: B) => string;
  readonly build: (args: { orderId: OrderId; body: B; state: OrderState; principal: Authenticated; ori: Ori; params: Record<string, string> }) => CommandInput;
}

const spec = <B>(s: CommandSpec<B>) => s as unknown as CommandSpec<unknown>;

export const COMMAND_SPECS: readonly CommandSpec<unknown>[] = [
  spec({
    method: 'post',
    path: '/orders/drafts',
    summary: 'Create a draft order (details may be incomplete)',
    action: 'order.draft',
    target: 'new',
    body: bodyCodec('Body', { details: DraftDetails }, { orderId: OrderId }),
    facts: (b) => ({ sealed: b.details.sealed ?? false }),
    court: (b) => b.details.court?.ori,
    build: ({ orderId, body, ori }) => ({ type: 'CreateDraft', orderId, enteringAgencyOri: ori, details: body.details }),
  }),
  spec({
    method: 'patch',
    path: '/orders/:orderId/draft',
    summary: 'Update a draft',
    action: 'order.draft',
    target: 'existing',
    body: bodyCodec('Body', { details: DraftDetails }, { clear: t.array(t.keyof(DraftDetails.props)) }),
    court: (b) => b.details.court?.ori,
    build: ({ orderId, body }) => ({ type: 'UpdateDraft', orderId, details: body.details, ...(body.clear ? { clear: body.clear } : {}) }),
  }),
  spec({
    method: 'delete',
    path: '/orders/:orderId/draft',
    summary: 'Discard a draft',
    action: 'order.discard',
    target: 'existing',
    body: bodyCodec('Body', {}, { reason: Note }),
    build: ({ orderId, body }) => ({ type: 'DiscardDraft', orderId, ...(body.reason ? { reason: body.reason } : {}) }),
  }),
  spec({
    method: 'post',
    path: '/orders',
    summary: 'Add an order directly (all registry fields present)',
    action: 'order.add',
    target: 'new',
    body: bodyCodec('Body', { details: DraftDetails }, { orderId: OrderId }),
    facts: (b) => ({ sealed: b.details.sealed ?? false }),
    court: (b) => b.details.court?.ori,
    build: ({ orderId, body, ori }) => ({ type: 'AddOrder', orderId, enteringAgencyOri: ori, details: body.details, source: { kind: 'registry' } }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/add',
    summary: 'Add an order from its draft (details merged over the draft)',
    action: 'order.add',
    target: 'existing',
    body: bodyCodec('Body', {}, { details: DraftDetails }),
    // The court the order is added under: the one the body gives, else the draft's.
    court: (b, state) => b.details?.court?.ori ?? (state.status === 'draft' ? state.details.court?.ori : undefined),
    build: ({ orderId, body, state }) => ({
      type: 'AddOrder',
      orderId,
      enteringAgencyOri: (state.status === 'none' ? '' : state.enteringAgencyOri) as Ori,
      ...(body.details ? { details: body.details } : {}),
      source: { kind: 'registry' },
    }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/modifications',
    summary: 'Modify an order',
    action: 'order.modify',
    target: 'existing',
    body: bodyCodec('Body', { changes: OrderChanges }, { reason: Note, orderedAt: IsoDateTime }),
    build: ({ orderId, body }) => ({
      type: 'ModifyOrder',
      orderId,
      changes: body.changes,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.orderedAt ? { orderedAt: body.orderedAt } : {}),
    }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/renewals',
    summary: 'Renew an order',
    action: 'order.renew',
    target: 'existing',
    body: bodyCodec('Body', { requestFiledOn: OrderDate, expiration: ExpirationInput }, { orderedAt: IsoDateTime }),
    build: ({ orderId, body }) => ({
      type: 'RenewOrder',
      orderId,
      requestFiledOn: body.requestFiledOn,
      expiration: body.expiration,
      ...(body.orderedAt ? { orderedAt: body.orderedAt } : {}),
    }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/services',
    summary: 'Record service of the order on the restrained person',
    action: 'order.serve',
    target: 'existing',
    body: bodyCodec('Body', { service: ServiceRecord }),
    build: ({ orderId, body }) => ({ type: 'RecordService', orderId, service: body.service }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/cancellation',
    summary: 'Cancel (terminate) an order',
    action: 'order.cancel',
    target: 'existing',
    body: bodyCodec('Body', { reason: CancelReason }, { note: Note, supersededBy: OrderId, orderedAt: IsoDateTime }),
    build: ({ orderId, body }) => ({
      type: 'CancelOrder',
      orderId,
      reason: body.reason,
      ...(body.note ? { note: body.note } : {}),
      ...(body.supersededBy ? { supersededBy: body.supersededBy } : {}),
      ...(body.orderedAt ? { orderedAt: body.orderedAt } : {}),
    }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/clones',
    summary: 'Clone an order into a new draft of your agency',
    action: 'order.clone',
    target: 'clone',
    body: bodyCodec('Body', {}, { form: FormNumber, orderId: OrderId }),
    build: ({ orderId, body, state, ori, params }) => {
      if (state.status !== 'issued' && state.status !== 'draft') throw new Problem(409, 'CLONE_SOURCE_NOT_ISSUED', 'Conflict', 'Only an order or a draft can be cloned.');
      return {
        type: 'CloneOrder',
        orderId,
        enteringAgencyOri: ori,
        source: { orderId: params.orderId! as OrderId, issued: state.status === 'issued', details: state.details },
        ...(body.form ? { form: body.form } : {}),
      };
    },
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/images',
    summary: 'Attach again, by its hash, an image you uploaded to this order (or an import attached); anything else is uploaded (POST …/images/upload)',
    action: 'order.image.attach',
    target: 'existing',
    body: bodyCodec('Body', { image: ImageRef }),
    reference: (b) => b.image.sha256,
    build: ({ orderId, body }) => ({ type: 'AttachImage', orderId, image: body.image }),
  }),
  spec({
    method: 'put',
    path: '/orders/:orderId/images/:sha256',
    summary: 'Replace an attached image by one you uploaded to this order, named by its hash (or upload it with ?replaces=)',
    action: 'order.image.attach',
    target: 'existing',
    body: bodyCodec('Body', { image: ImageRef }),
    reference: (b) => b.image.sha256,
    build: ({ orderId, body, params }) => ({ type: 'ReplaceImage', orderId, previousSha256: params.sha256!, image: body.image }),
  }),
  spec({
    method: 'delete',
    path: '/orders/:orderId/images/:sha256',
    summary: 'Remove an image reference',
    action: 'order.image.remove',
    target: 'existing',
    body: bodyCodec('Body', { reason: Note }),
    build: ({ orderId, body, params }) => ({ type: 'RemoveImage', orderId, sha256: params.sha256!, reason: body.reason }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/doj-reviews',
    summary: 'Confirm review of a DOJ answer (CLETS-certified users)',
    action: 'order.doj.review',
    target: 'existing',
    body: bodyCodec('Body', { messageId: t.string, outcome: DojReviewOutcome }, { note: Note }),
    build: ({ orderId, body }) => ({ type: 'ReviewDojResponse', orderId, messageId: body.messageId, outcome: body.outcome, ...(body.note ? { note: body.note } : {}) }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/firearm-receipts',
    summary: 'Record a firearm relinquishment receipt as filed (when, by whom, what was relinquished or that none is owned); it meets the order’s firearm deadlines (docs/law/firearms.md)',
    action: 'order.firearms.receipt',
    target: 'existing',
    body: bodyCodec('Body', { receipt: FirearmReceipt }),
    build: ({ orderId, body }) => ({ type: 'RecordFirearmReceipt', orderId, receipt: body.receipt }),
  }),
  spec({
    method: 'post',
    path: '/orders/:orderId/court-filing',
    summary: 'Record that an emergency order was filed with the court (Pen. Code 18140(c): a gun violence emergency order within three court days)',
    action: 'order.court-filing',
    target: 'existing',
    body: bodyCodec('Body', { filedAt: IsoDateTime }),
    build: ({ orderId, body }) => ({ type: 'RecordCourtFiling', orderId, filedAt: body.filedAt }),
  }),
];

const paramId = (req: Request): OrderId => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

const waitMs = (wait: string | undefined, max: number): number | undefined =>
  wait === undefined ? undefined : wait === 'true' ? max : Math.min(Number(wait), max);

export const registerCommandRoutes = (api: ApiRouter, s: AppServices, guard: Guard): void => {
  for (const c of COMMAND_SPECS) {
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
        // The order as the caller is authorized against it: loaded first, except for a new order.
        const authorizeOn = async (loaded: LoadedOrder & { readonly orderId: OrderId }): Promise<{ principal: Authenticated; state: OrderState }> => {
          const { state } = loaded;
          if (state.status === 'none') throw NO_SUCH.order();
          const court = c.court?.(body, state);
          const principal = guard.order(req, res, c.action, { ...factsOf(state, loaded.events), ...(court !== undefined ? { issuingCourtOri: court } : {}) }, loaded.orderId);
          if (c.reference !== undefined) {
            // An image named by its hash: the order's own history must show where its bytes came from (ADR 0036).
            guard.imageReference(req, res, imageProvenance(loaded.events, c.reference(body)), loaded.orderId);
            await checkStoredImage(s, (body as { image: ImageRef }).image);
          }
          return { principal, state };
        };
        let result: E.Either<PreparedCommandError<unknown>, HandlerResult>;
        let principal: Authenticated;
        let orderId: OrderId;
        if (c.target === 'existing') {
          // Authorized inside load–decide–append: a retry after a concurrent write (which may have
          // sealed the order or changed its agencies) is authorized again, and the order is read once.
          orderId = paramId(req);
          const id = orderId;
          let authorized: Authenticated | undefined;
          result = await s.commands.handlePrepared(
            id,
            async (loaded) => {
              try {
                const on = await authorizeOn({ ...loaded, orderId: id });
                authorized = on.principal;
                return E.right(c.build({ orderId: id, body, state: on.state, principal: on.principal, ori: on.principal.agencyOri as Ori, params: req.params as Record<string, string> }));
              } catch (refusal) {
                return E.left(refusal);
              }
            },
            { actor: actorOf(principalOf(res)), correlationId: String(req.id), ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
          );
          if (E.isLeft(result) && result.left.kind === 'refused') throw result.left.reason;
          principal = authorized ?? principalOf(res);
        } else {
          let state: OrderState = { status: 'none' };
          if (c.target === 'new') {
            const court = c.court?.(body, state);
            principal = guard.order(req, res, c.action, { ...(c.facts?.(body) ?? { sealed: false }), ...(court !== undefined ? { issuingCourtOri: court } : {}) });
            orderId = (body as { orderId?: OrderId }).orderId ?? (s.ids.newId() as OrderId);
          } else {
            // A clone reads its source and appends to a new stream: authorized on the source as read.
            const sourceId = paramId(req);
            const loaded = await s.commands.load(sourceId);
            if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
            ({ principal, state } = await authorizeOn({ ...loaded.right, orderId: sourceId }));
            orderId = (body as { orderId?: OrderId }).orderId ?? (s.ids.newId() as OrderId);
          }
          const input = c.build({ orderId, body, state, principal, ori: principal.agencyOri as Ori, params: req.params as Record<string, string> });
          // A new order or clone is under an id no stream should have yet: no need to read it first.
          result = await s.commands.handle(input, { actor: actorOf(principal), correlationId: String(req.id), expectNewStream: true });
        }
        if (E.isLeft(result)) throw fromHandlerError(result.left as HandlerError, expectedVersion !== undefined);
        const r = result.right;
        // The CARPOS gateway (when this process runs it) picks the change up now, not at its next poll.
        if (r.events.length > 0) s.carpos?.wake();
        res.setHeader('ETag', `"${r.version}"`);
        if (r.position) {
          res.setHeader('X-CCPOR-Position', r.position);
          const ms = waitMs((query as { wait?: string }).wait, s.config.waitMaxMs);
          if (ms !== undefined) res.setHeader('X-CCPOR-Search-Caught-Up', String(await s.search.waitFor(r.position, ms)));
        }
        if (c.target !== 'existing') res.setHeader('Location', `${req.baseUrl}/orders/${orderId}`);
        const now = s.clock.now();
        // Conflicts with orders in force are warnings for the judge and clerk, never a refusal (ADR 0040).
        const checked = WARNING_ROUTES.has(`${c.method} ${c.path}`) ? await unlessViewsDown(s, () => s.partyConflicts.proposedCheck(r.state, principal, now)) : undefined;
        // Orders about the same people the caller may not see (sealed) are counted, so a
        // supervisor can look before the order is issued; each withholding is audited (ADR 0040).
        for (const w of checked?.ok ? checked.value.withheld : []) guard.note(req, principal, 'order.read.related', false, w.rule, w.code, w.orderId);
        const warnings =
          checked === undefined
            ? {}
            : checked.ok
              ? { warnings: checked.value.warnings, ...(checked.value.withheld.length > 0 ? { withheldOrders: checked.value.withheld.length } : {}) }
              : { warningsUnavailable: CHECK_UNAVAILABLE };
        return { ...orderView(orderId, r.state, r.version, principal, now), ...warnings };
      },
    });
  }
};

