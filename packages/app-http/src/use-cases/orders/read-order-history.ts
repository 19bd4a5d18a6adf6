import * as E from 'fp-ts/Either';
import type { OrderState } from '@ccpor/domain';
import { historyView } from '../../orders/order-view';
import { loadAuthorized, type LoadAuthorizedDeps } from './load-authorized';
import type { ReadOrderError, ReadOrderRequest } from './read-order';

export interface ReadOrderHistoryResult {
  readonly state: OrderState;
  readonly version: number;
  /** Every event with its actor and time; event data only where the caller may see all it can hold. */
  readonly view: ReturnType<typeof historyView>;
}

/** Read an order's history: loaded once, the caller authorized on it (`order.history`, audited), redacted as the policy says. */
export const readOrderHistory = async <R>(deps: LoadAuthorizedDeps<R>, request: ReadOrderRequest): Promise<E.Either<ReadOrderError<R>, ReadOrderHistoryResult>> => {
  const { orderId, principal } = request;
  const loaded = await loadAuthorized(deps, 'order.history', orderId);
  if (E.isLeft(loaded)) return loaded;
  const { state, version, events } = loaded.right;
  return E.right({ state, version, view: historyView(orderId, state, events, principal) });
};
