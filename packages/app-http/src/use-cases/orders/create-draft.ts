import type { DraftDetails, OrderId } from '@ccpor/domain';
import type { ProposedConflictsDeps } from './proposed-conflicts';
import { withProposedConflicts } from './proposed-conflicts';
import { runNewOrder, type NewOrderDeps, type OrderCommandOutcome, type OrderCommandRequest } from './run-order-command';

export interface CreateDraftInput {
  readonly details: DraftDetails;
  /** The id the caller chose for the new draft; else the registry picks one. */
  readonly orderId?: OrderId;
}

/**
 * Create a draft order of the caller's agency, its details possibly incomplete. A sealed draft
 * needs a supervisor, and a court the caller may not enter for is refused (ADR 0034). Answers
 * with its conflicts with orders in force about the same people (ADR 0040).
 */
export const createDraft = async <R>(deps: NewOrderDeps<R> & ProposedConflictsDeps<R>, request: OrderCommandRequest<CreateDraftInput>): Promise<OrderCommandOutcome<R>> =>
  withProposedConflicts(
    deps,
    request,
    await runNewOrder(deps, request, {
      action: 'order.draft',
      facts: (i) => ({ sealed: i.details.sealed ?? false }),
      court: (i) => i.details.court?.ori,
      build: (orderId, i, ori) => ({ type: 'CreateDraft', orderId, enteringAgencyOri: ori, details: i.details }),
    }),
  );
