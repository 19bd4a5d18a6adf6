import * as E from 'fp-ts/Either';
import type { Clock, ConflictIndicator, GlobalPosition, PartyConflicts, Principal } from '@ccpor/domain';
import type { SearchError, SearchPage, SearchVisibility } from '@ccpor/adapters';
import { toSearchInput, type SearchRequestQuery } from '../../search/search-request';
import { presentHit, searchVisibility, type PresentedHit } from '../../search/search-visibility';
import type { ReadOptions } from '../../search/order-search-service';
import type { SearchAccess } from './search-access';
import { awaitWrite, type ViewBehind, type ViewReadRequest, type ViewWaitDeps } from './read-views';

export interface SearchOrdersRequest extends ViewReadRequest {
  readonly principal: Principal;
  /** The query string, decoded: only known parameters, each of its type. */
  readonly query: SearchRequestQuery;
}

export interface SearchOrdersDeps<R> extends ViewWaitDeps {
  readonly access: SearchAccess<R>;
  readonly clock: Clock;
  readonly search: ViewWaitDeps['search'] & {
    search(query: unknown, options: { readonly now: string; readonly limit?: number; readonly cursor?: string; readonly visibility: SearchVisibility }, read?: ReadOptions): Promise<E.Either<SearchError, SearchPage>>;
    /** The log position the views have applied. */
    readonly position: GlobalPosition | undefined;
  };
  readonly partyConflicts: Pick<PartyConflicts, 'indicators'>;
}

export type SearchOrdersError<R> = { readonly kind: 'refused'; readonly reason: R } | ViewBehind | { readonly kind: 'invalid-search'; readonly error: SearchError };

export interface SearchOrdersResult {
  /** The hits the caller may see, as they may see them, each with how many other orders in force concern its parties (`related`). */
  readonly hits: readonly (PresentedHit & { readonly related: ConflictIndicator | undefined })[];
  readonly capped: boolean;
  readonly nextCursor?: string;
  /** Where the views stood once read, for the caller's next read-your-writes wait. */
  readonly position?: GlobalPosition;
}

/**
 * Statewide search (ADR 0022, 0032): the caller authorized (`search`, and `order.doj.read` to
 * look an order up by its FCN), the views waited for when asked, what the caller may find handed
 * to the SQL from the policy, each hit presented as the policy lets this caller see it, and the
 * other orders in force about each hit's parties counted with their conflicts (ADR 0040).
 */
export const searchOrders = async <R>(deps: SearchOrdersDeps<R>, request: SearchOrdersRequest): Promise<E.Either<SearchOrdersError<R>, SearchOrdersResult>> => {
  const { principal: p, query } = request;
  const allowed = deps.access.global('search');
  if (E.isLeft(allowed)) return E.left({ kind: 'refused', reason: allowed.left });
  // The FCN is assigned by DOJ: looking an order up by it is reading CLETS data.
  if (query.fcn !== undefined) {
    const clets = deps.access.order('order.doj.read', { sealed: false });
    if (E.isLeft(clets)) return E.left({ kind: 'refused', reason: clets.left });
  }
  const afterWait = await awaitWrite(deps, request);
  if (E.isLeft(afterWait)) return afterWait;
  const input = toSearchInput(query);
  const page = await deps.search.search(
    input.query,
    {
      now: deps.clock.now(),
      visibility: searchVisibility(p),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
      ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
    },
    { afterWait: afterWait.right, ...(request.onReadFrom ? { onReadFrom: request.onReadFrom } : {}) },
  );
  if (E.isLeft(page)) return E.left({ kind: 'invalid-search', error: page.left });
  const position = deps.search.position;
  const presented = page.right.hits.flatMap((h) => presentHit(h, p) ?? []);
  // One statement for the page, not one per hit: other orders in force about each hit's parties, and their conflicts (ADR 0040).
  const related = await deps.partyConflicts.indicators([...new Set(presented.map((h) => h.orderId))], p, deps.clock.now());
  return E.right({
    hits: presented.map((h) => ({ ...h, related: related.get(h.orderId) })),
    capped: page.right.capped,
    ...(page.right.nextCursor ? { nextCursor: page.right.nextCursor } : {}),
    ...(position ? { position } : {}),
  });
};
