import * as E from 'fp-ts/Either';
import type { CommandHandler, CorruptStream, LoadedOrder, OrderAction, OrderId, OrderState } from '@ccpor/domain';
import { factsOf } from '../../orders/order-facts';
import type { OrderAccess } from './order-access';

/** Why the caller gets nothing of an order: the policy refused (`R`, the caller's own refusal), or there is no such order. */
export type OrderRefusal<R> = { readonly kind: 'refused'; readonly reason: R } | { readonly kind: 'order-not-found' };

/**
 * The caller asks to do `action` to the order as loaded: an absent order is not found (nothing to
 * audit), else the policy decides on the order's facts, and the access port audits the decision.
 * `court`: the issuing court a command enters the order under, when it names one (ADR 0034).
 */
export const authorizeLoaded = <R>(access: OrderAccess<R>, action: OrderAction, orderId: OrderId, loaded: LoadedOrder, court?: string): E.Either<OrderRefusal<R>, OrderState> => {
  const { state, events } = loaded;
  if (state.status === 'none') return E.left({ kind: 'order-not-found' });
  const allowed = access.order(action, { ...factsOf(state, events), ...(court !== undefined ? { issuingCourtOri: court } : {}) }, orderId);
  return E.isLeft(allowed) ? E.left({ kind: 'refused', reason: allowed.left }) : E.right(state);
};

export interface LoadAuthorizedDeps<R> {
  readonly commands: Pick<CommandHandler, 'load'>;
  readonly access: OrderAccess<R>;
}

/** Loads an order once and authorizes the caller on it: the order as read, or why not (a refusal, or a stream that cannot be read). */
export const loadAuthorized = async <R>(
  deps: LoadAuthorizedDeps<R>,
  action: OrderAction,
  orderId: OrderId,
): Promise<E.Either<OrderRefusal<R> | CorruptStream, LoadedOrder>> => {
  const loaded = await deps.commands.load(orderId);
  if (E.isLeft(loaded)) return loaded;
  return E.map(() => loaded.right)(authorizeLoaded(deps.access, action, orderId, loaded.right));
};
