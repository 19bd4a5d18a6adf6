import * as E from 'fp-ts/Either';
import type {
  Actor,
  Clock,
  CommandHandler,
  CommandInput,
  Conflict,
  GlobalPosition,
  HandlerError,
  HandlerResult,
  IdGenerator,
  ImageRef,
  ImageStore,
  LoadedOrder,
  OrderAction,
  OrderFacts,
  OrderId,
  OrderState,
  Ori,
  Principal,
} from '@ccpor/domain';
import { imageProvenance } from '../../images/image-provenance';
import { authorizeLoaded, type OrderRefusal } from './load-authorized';
import type { OrderAccess } from './order-access';
import { storedAsReferenced, type ImageReferenceError } from './stored-image';

/** A command on the order registry as a caller asks for it, decoded (by the route, or the command line). */
export interface OrderCommandRequest<I> {
  readonly principal: Principal;
  readonly input: I;
  /** Ties the events written to the request that wrote them (over HTTP, the request id). */
  readonly correlationId: string;
  /** How long to wait for the search view to have the write (read-your-writes, ADR 0032); undefined: no wait. */
  readonly waitMs?: number | undefined;
}

/** A command on an order that exists (or, for a clone, the order it reads). */
export interface OnOrderRequest<I> extends OrderCommandRequest<I> {
  readonly orderId: OrderId;
  /** The version the caller last saw (HTTP If-Match): another one is a conflict, never retried (ADR 0030). */
  readonly expectedVersion?: number | undefined;
}

/** Why a command was not written. `R` is the caller's own refusal, as its {@link OrderAccess} gives it. */
export type OrderCommandError<R> =
  /** Refused, or no such order. A sealed order the caller may not see is refused by the policy, concealed as not found (ADR 0034). */
  | OrderRefusal<R>
  | { readonly kind: 'clone-source-not-issued' }
  | ImageReferenceError
  | HandlerError;

export interface OrderCommandResult {
  readonly orderId: OrderId;
  readonly state: OrderState;
  /** Stream version after the command (unchanged when it wrote nothing). */
  readonly version: number;
  /** Global position of the last event written; absent when nothing was written. */
  readonly position?: GlobalPosition;
  /** Whether the search view had the write within the wait asked for; absent when no wait was asked or nothing written. */
  readonly searchCaughtUp?: boolean;
  /** The instant the answer is made at: the order's computed fields and its conflicts are as of it. */
  readonly at: string;
  /** Drafts and adds: conflicts with orders in force about the same people, never a refusal (ADR 0040). */
  readonly conflicts?: ProposedConflicts;
}

/** The conflicts check of a draft or an add: its warnings and how many orders were withheld, or that the views could not be read. */
export type ProposedConflicts = { readonly checked: true; readonly warnings: readonly Conflict[]; readonly withheldOrders: number } | { readonly checked: false };

export type OrderCommandOutcome<R> = E.Either<OrderCommandError<R>, OrderCommandResult>;

/** What follows every write: the caller's access decisions, the clock, the CARPOS gateway, read-your-writes. */
export interface WriteDeps<R> {
  readonly access: OrderAccess<R>;
  readonly clock: Clock;
  /** The CARPOS gateway, when this process runs it: told of a write, it picks the change up now, not at its next poll. */
  readonly carpos?: { wake(): void } | undefined;
  readonly search: { waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> };
}

export interface OnOrderDeps<R> extends WriteDeps<R> {
  readonly commands: Pick<CommandHandler, 'handlePrepared'>;
}

export interface NewOrderDeps<R> extends WriteDeps<R> {
  readonly commands: Pick<CommandHandler, 'handle'>;
  readonly ids: IdGenerator;
}

/** Use cases that name an image by its hash also check the image store. */
export interface ImageReferenceDeps {
  readonly images: Pick<ImageStore, 'stat'>;
}

/** How a use case on an existing order authorizes and builds its command from the order as loaded. */
export interface OnOrderCommand<I> {
  readonly action: OrderAction;
  /** The issuing court the command enters the order under, when it names one (ADR 0034). */
  readonly court?: (input: I, state: OrderState) => string | undefined;
  /** An image the command names by its hash, which the caller must have uploaded to the order, or an import attached (ADR 0036). */
  readonly reference?: { readonly image: (input: I) => ImageRef; readonly images: ImageReferenceDeps['images'] };
  readonly build: (orderId: OrderId, input: I, state: OrderState) => CommandInput;
}

/** How a use case that starts a new order's stream authorizes and builds its command. */
export interface NewOrderCommand<I> {
  readonly action: OrderAction;
  /** What the policy knows of an order not written yet (whether it is to be sealed). */
  readonly facts: (input: I) => OrderFacts;
  readonly court?: (input: I) => string | undefined;
  readonly build: (orderId: OrderId, input: I, enteringAgencyOri: Ori) => CommandInput;
}

type Refusal<R> = Exclude<OrderCommandError<R>, HandlerError>;

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind });

/**
 * Authorizes the caller on an order as loaded: an absent order is not found (nothing to audit),
 * then the policy on the order's facts, then for an image named by hash its provenance in this
 * order's history and the bytes in the store. Runs once per attempt (ADR 0080).
 */
export const authorizeOn = async <I, R>(access: OrderAccess<R>, command: Omit<OnOrderCommand<I>, 'build'>, input: I, orderId: OrderId, loaded: LoadedOrder): Promise<E.Either<Refusal<R>, OrderState>> => {
  const allowed = authorizeLoaded(access, command.action, orderId, loaded, loaded.state.status === 'none' ? undefined : command.court?.(input, loaded.state));
  if (E.isLeft(allowed)) return allowed;
  if (command.reference !== undefined) {
    const image = command.reference.image(input);
    const proven = access.imageReference(imageProvenance(loaded.events, image.sha256), orderId);
    if (E.isLeft(proven)) return E.left({ kind: 'refused', reason: proven.left });
    const stored = await storedAsReferenced(command.reference.images, image);
    if (E.isLeft(stored)) return stored;
  }
  return allowed;
};

/** What the caller is told after a write: the CARPOS gateway woken, the search view waited for, the instant of the answer. */
export const afterWrite = async <R>(deps: WriteDeps<R>, request: OrderCommandRequest<unknown>, r: HandlerResult): Promise<OrderCommandResult> => {
  if (r.events.length > 0) deps.carpos?.wake();
  const searchCaughtUp = r.position && request.waitMs !== undefined ? await deps.search.waitFor(r.position, request.waitMs) : undefined;
  return {
    orderId: r.orderId as OrderId,
    state: r.state,
    version: r.version,
    ...(r.position ? { position: r.position } : {}),
    ...(searchCaughtUp !== undefined ? { searchCaughtUp } : {}),
    at: deps.clock.now(),
  };
};

/**
 * Load → authorize → decide → append on an existing order, in one read of its stream per attempt.
 * The authorization runs inside the command handler's loop (`handlePrepared`): a retry after a
 * concurrent write (which may have sealed the order or changed its agencies) is authorized, and
 * audited, again against the state it is decided on (ADR 0080). The caller's refusal comes before
 * its expected version, so one who may not touch the order learns nothing of its version.
 */
export const runOnOrder = async <I, R>(deps: OnOrderDeps<R>, request: OnOrderRequest<I>, command: OnOrderCommand<I>): Promise<OrderCommandOutcome<R>> => {
  const { orderId, input } = request;
  const written = await deps.commands.handlePrepared<Refusal<R>>(
    orderId,
    async (loaded) => E.map((state: OrderState) => command.build(orderId, input, state))(await authorizeOn(deps.access, command, input, orderId, loaded)),
    { actor: actorOf(request.principal), correlationId: request.correlationId, ...(request.expectedVersion !== undefined ? { expectedVersion: request.expectedVersion } : {}) },
  );
  if (E.isLeft(written)) return E.left(written.left.kind === 'refused' ? written.left.reason : written.left);
  return E.right(await afterWrite(deps, request, written.right));
};

/**
 * A command that starts an order's stream (a new draft or order), authorized before it is
 * decided: the stream is empty, so no concurrent change can move the policy's answer on the
 * order written (ADR 0080). The id is the caller's, or a new one; the stream is not read first.
 */
export const runNewOrder = async <I extends { readonly orderId?: OrderId }, R>(deps: NewOrderDeps<R>, request: OrderCommandRequest<I>, command: NewOrderCommand<I>): Promise<OrderCommandOutcome<R>> => {
  const { input, principal } = request;
  const court = command.court?.(input);
  const allowed = deps.access.order(command.action, { ...command.facts(input), ...(court !== undefined ? { issuingCourtOri: court } : {}) });
  if (E.isLeft(allowed)) return E.left({ kind: 'refused', reason: allowed.left });
  const orderId = input.orderId ?? (deps.ids.newId() as OrderId);
  const written = await deps.commands.handle(command.build(orderId, input, principal.agencyOri as Ori), { actor: actorOf(principal), correlationId: request.correlationId, expectNewStream: true });
  if (E.isLeft(written)) return written;
  return E.right(await afterWrite(deps, request, written.right));
};

/** A command's own fields, as a use case takes them: the command without its type and order id. */
export type CommandFields<T extends CommandInput['type']> = Omit<Extract<CommandInput, { readonly type: T }>, 'type' | 'orderId'>;
