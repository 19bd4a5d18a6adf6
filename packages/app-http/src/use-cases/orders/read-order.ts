import * as E from 'fp-ts/Either';
import type { Clock, CorruptStream, OrderId, OrderPrecedence, OrderState, PartyConflicts, Principal } from '@ccpor/domain';
import type { Logger } from 'pino';
import { unlessViewsDown } from '../../conflicts/unless-views-down';
import { orderView } from '../../orders/order-view';
import { loadAuthorized, type LoadAuthorizedDeps, type OrderRefusal } from './load-authorized';

/** Reading an order (or its history): who asks, about which order. */
export interface ReadOrderRequest {
  readonly principal: Principal;
  readonly orderId: OrderId;
}

export interface ReadOrderDeps<R> extends LoadAuthorizedDeps<R> {
  readonly clock: Clock;
  readonly partyConflicts: Pick<PartyConflicts, 'forOrder'>;
  readonly logger: Logger;
}

/** Why an order is not shown: refused (concealed as not found where the policy says so, ADR 0034), not found, or its stream unreadable. */
export type ReadOrderError<R> = OrderRefusal<R> | CorruptStream;

export interface ReadOrderResult {
  readonly state: OrderState;
  readonly version: number;
  /** The order as the caller may see it: state and computed fields as of the answer, redacted by the policy. */
  readonly view: ReturnType<typeof orderView>;
  /**
   * For each protected person, the other orders about the same pair and which term governs; orders
   * the caller may not see are only counted (ADR 0040). Unchecked when the search views could not be read.
   */
  readonly precedence: { readonly checked: true; readonly value: OrderPrecedence | undefined } | { readonly checked: false };
}

/**
 * Read an order: loaded once, the caller authorized on it (`order.read`, audited), redacted as
 * the policy says, with the orders about its people. The order is served from its own stream, so
 * unreachable search views leave the precedence unchecked rather than fail the read.
 */
export const readOrder = async <R>(deps: ReadOrderDeps<R>, request: ReadOrderRequest): Promise<E.Either<ReadOrderError<R>, ReadOrderResult>> => {
  const { orderId, principal } = request;
  const loaded = await loadAuthorized(deps, 'order.read', orderId);
  if (E.isLeft(loaded)) return loaded;
  const { state, version } = loaded.right;
  const now = deps.clock.now();
  const checked = await unlessViewsDown(deps, () => deps.partyConflicts.forOrder(state, principal, now));
  // A withheld order is a decision about that order: audited as such, with the policy's rule (ADR 0040).
  if (checked.ok) for (const w of checked.value?.withheld ?? []) deps.access.withheld(w);
  return E.right({
    state,
    version,
    view: orderView(orderId, state, version, principal, now),
    precedence: checked.ok ? { checked: true, value: checked.value?.precedence } : { checked: false },
  });
};
