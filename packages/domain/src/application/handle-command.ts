import * as E from 'fp-ts/Either';
import type { DomainError } from '../errors/domain-error';
import type { OrderCommand } from '../order/commands';
import { createDecider, orderDecider, type OrderDecider } from '../order/decide';
import { fold } from '../order/evolve';
import type { OrderEvent } from '../order/events';
import type { OrderState } from '../order/order-state';
import type { Clock } from '../ports/clock';
import type { CourtCalendarsPort } from '../ports/court-calendars';
import { expectExact, type EventStore, type GlobalPosition } from '../ports/event-store';
import type { IdGenerator } from '../ports/id-generator';
import { orderStreamId } from '../value-objects/order-id';
import { correlate, toNewEvents, type EventContext } from './event-metadata';
import { loadOrder, type CorruptStream, type LoadedOrder } from './load-order';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as a caller sends it: the handler stamps `at` from the Clock. */
export type CommandInput = DistributiveOmit<OrderCommand, 'at'>;

export interface CommandContext extends EventContext {
  /** The version the caller last saw (HTTP If-Match); a mismatch is a conflict, never retried. */
  readonly expectedVersion?: number;
  /**
   * The caller expects the order's stream not to exist yet (a new order or draft under an id it
   * just chose). The command is decided against the empty state and appended with "no stream",
   * without reading the stream first. If the stream does exist, the append is refused and the
   * command is handled the usual way (load, decide); a refusal or a no-op is also decided again
   * the usual way. The outcome is the same either way; only a successful new order saves a read.
   */
  readonly expectNewStream?: boolean;
}

export type HandlerError =
  | { readonly kind: 'domain'; readonly error: DomainError }
  | { readonly kind: 'conflict'; readonly expectedVersion: number; readonly actualVersion: number | null }
  | CorruptStream;

/**
 * What a caller makes of the order as loaded, on every attempt: the command to decide, or its
 * own refusal (typically "this user may not do that to this order"). Running inside the
 * load–decide–append loop is the point: a retry after a concurrent write authorizes again
 * against the new state (a modification may have sealed the order or changed its agencies),
 * and the order is read once per attempt, not once to authorize and again to decide.
 */
export type PrepareCommand<R> = (loaded: LoadedOrder) => E.Either<R, CommandInput> | Promise<E.Either<R, CommandInput>>;

/** A handler error, or the caller's own refusal from {@link PrepareCommand}. */
export type PreparedCommandError<R> = HandlerError | { readonly kind: 'refused'; readonly reason: R };

export interface HandlerResult {
  readonly orderId: string;
  readonly events: readonly OrderEvent[];
  readonly state: OrderState;
  /** Stream version after the command (unchanged when the command produced no event). */
  readonly version: number;
  /** Global position of the last event written, for read-your-writes waits. */
  readonly position?: GlobalPosition;
}

/**
 * Commands whose outcome cannot depend on a stale view of the caller: on a concurrent write they
 * are re-decided once against the new state. A modification or a draft edit is never re-decided,
 * because the caller computed it from what it saw.
 */
const SAFE_TO_REDECIDE: ReadonlySet<OrderCommand['type']> = new Set([
  'CreateDraft',
  'CloneOrder',
  'RecordService',
  'CancelOrder',
  'AttachImage',
  'ApplyFormReading',
  'RecordDojAcknowledgement',
  'RecordDojRejection',
  'RecordFirearmReceipt',
  'RecordCourtFiling',
]);

export interface CommandHandlerDeps {
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly decider?: OrderDecider;
  /**
   * Each court's calendar (closures, close of judicial business). When given, commands that
   * count court days or compute deadlines are decided on the calendar of the order's court
   * (ADR 0043); otherwise on `decider`'s.
   */
  readonly courtCalendars?: CourtCalendarsPort;
}

/** Commands whose decision counts court days or computes deadlines. */
const CALENDAR_COMMANDS: ReadonlySet<OrderCommand['type']> = new Set(['AddOrder', 'ModifyOrder', 'RenewOrder', 'RecordService', 'CancelOrder']);

/** The ORI of the court the command's order belongs to: the added details', else the order's. */
const courtOriOf = (input: CommandInput, state: OrderState): string | undefined => {
  if (input.type === 'AddOrder' && input.details?.court !== undefined) return input.details.court.ori;
  return state.status === 'draft' || state.status === 'issued' ? state.details.court?.ori : undefined;
};

/** The state and version of a stream that does not exist. */
const NO_STREAM = { state: { status: 'none' } as OrderState, version: 0 };

/** Load → decide → append with the expected version, through the ports only. */
export const createCommandHandler = ({ eventStore, clock, ids, decider = orderDecider, courtCalendars }: CommandHandlerDeps) => {
  const deciderFor = async (input: CommandInput, state: OrderState): Promise<OrderDecider> => {
    if (courtCalendars === undefined || !CALENDAR_COMMANDS.has(input.type)) return decider;
    const ori = courtOriOf(input, state);
    return ori === undefined ? decider : createDecider({ calendar: await courtCalendars.calendarFor(ori) });
  };

  const attempt = async <R>(
    orderId: string,
    prepare: PrepareCommand<R>,
    ctx: CommandContext,
    retriesLeft: number,
    assumeNew = false,
  ): Promise<E.Either<PreparedCommandError<R>, HandlerResult>> => {
    const loaded = assumeNew ? E.right<CorruptStream, LoadedOrder>({ ...NO_STREAM, events: [] }) : await loadOrder(eventStore, orderId);
    if (E.isLeft(loaded)) return loaded;
    const { state, version } = loaded.right;
    // The caller's refusal comes first: one who may not touch the order learns nothing of its version.
    const prepared = await prepare(loaded.right);
    if (E.isLeft(prepared)) return E.left({ kind: 'refused', reason: prepared.left });
    const input = prepared.right;
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== version) {
      return E.left({ kind: 'conflict', expectedVersion: ctx.expectedVersion, actualVersion: version });
    }
    const chosen = await deciderFor(input, state);
    const at = clock.now();
    const command = { ...input, at } as OrderCommand;
    const decision = chosen.decide(command, state);
    // Assuming a new stream is only a shortcut for writes: a refusal or a no-op is decided again
    // against what the stream holds, so the answer never depends on the assumption.
    if (assumeNew && (E.isLeft(decision) || decision.right.length === 0)) return attempt(orderId, prepare, ctx, retriesLeft);
    if (E.isLeft(decision)) return E.left({ kind: 'domain', error: decision.left });
    const events = decision.right;
    if (events.length === 0) return E.right({ orderId: input.orderId, events, state, version });

    const toStore = toNewEvents(events, correlate(ctx, ids), ids, at);
    const appended = await eventStore.append(orderStreamId(input.orderId), toStore, expectExact(version));
    if (E.isLeft(appended)) {
      // The stream existed after all: decide again against what it holds.
      if (assumeNew && appended.left.code === 'WRONG_EXPECTED_VERSION') return attempt(orderId, prepare, ctx, retriesLeft);
      if (appended.left.code === 'WRONG_EXPECTED_VERSION' && retriesLeft > 0 && ctx.expectedVersion === undefined && SAFE_TO_REDECIDE.has(input.type)) {
        return attempt(orderId, prepare, ctx, retriesLeft - 1);
      }
      return E.left({
        kind: 'conflict',
        expectedVersion: version,
        actualVersion: appended.left.code === 'WRONG_EXPECTED_VERSION' ? appended.left.actual : null,
      });
    }
    return E.right({
      orderId: input.orderId,
      events,
      state: fold(events, state),
      version: appended.right.nextVersion,
      position: appended.right.lastPosition,
    });
  };

  return {
    handle: (input: CommandInput, ctx: CommandContext) =>
      attempt<never>(input.orderId, () => E.right(input), ctx, 1, ctx.expectNewStream === true && ctx.expectedVersion === undefined) as Promise<E.Either<HandlerError, HandlerResult>>,
    /**
     * Load → prepare (authorize, build the command from the state) → decide → append, with
     * `prepare` run again on every retry. The command `prepare` returns is for the order loaded.
     */
    handlePrepared: <R>(orderId: string, prepare: PrepareCommand<R>, ctx: CommandContext) => attempt(orderId, prepare, ctx, 1, ctx.expectNewStream === true && ctx.expectedVersion === undefined),
    load: (orderId: string) => loadOrder(eventStore, orderId),
  };
};

export type CommandHandler = ReturnType<typeof createCommandHandler>;
