import * as E from 'fp-ts/Either';
import type { GlobalPosition } from '@ccpor/domain';
import type { ReadFrom } from '../../search/order-search-service';

/** A read of the search views as a caller asks for it: who, and the write it must see. */
export interface ViewReadRequest {
  /** A position a write returned: the views must have it before they are read (read-your-writes, ADR 0030). */
  readonly waitFor?: GlobalPosition | undefined;
  /** Told which database answered (a hot standby or the primary; ADR 0062). */
  readonly onReadFrom?: ((where: ReadFrom) => void) | undefined;
}

export interface ViewWaitDeps {
  readonly search: { waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> };
  /** The longest a read waits for the views (CCPOR_WAIT_MAX_MS). */
  readonly waitMaxMs: number;
}

/** The views have not applied the write the caller waited for within the wait allowed. */
export interface ViewBehind {
  readonly kind: 'view-behind';
}

/** Waits, when asked, for the views to have the caller's write; right(true): the read must see it (ADR 0062 reads it where it has been replayed). */
export const awaitWrite = async (deps: ViewWaitDeps, request: ViewReadRequest): Promise<E.Either<ViewBehind, boolean>> => {
  if (request.waitFor === undefined) return E.right(false);
  return (await deps.search.waitFor(request.waitFor, deps.waitMaxMs)) ? E.right(true) : E.left({ kind: 'view-behind' });
};
