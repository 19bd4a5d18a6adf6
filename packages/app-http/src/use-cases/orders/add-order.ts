import type { DraftDetails, OrderId } from '@ccpor/domain';
import { withProposedConflicts, type ProposedConflictsDeps } from './proposed-conflicts';
import { runNewOrder, type NewOrderDeps, type OrderCommandOutcome, type OrderCommandRequest } from './run-order-command';

export interface AddOrderInput {
  /** Every registry field: the order is added without a draft. */
  readonly details: DraftDetails;
  /** The id the caller chose for the order; else the registry picks one. */
  readonly orderId?: OrderId;
}

/**
 * Add an order directly to the registry for the caller's agency. A sealed order needs a
 * supervisor, and a court the caller may not enter for is refused (ADR 0034). Answers with its
 * conflicts with orders in force about the same people (ADR 0040).
 */
export const addOrder = async <R>(deps: NewOrderDeps<R> & ProposedConflictsDeps<R>, request: OrderCommandRequest<AddOrderInput>): Promise<OrderCommandOutcome<R>> =>
  withProposedConflicts(
    deps,
    request,
    await runNewOrder(deps, request, {
      action: 'order.add',
      facts: (i) => ({ sealed: i.details.sealed ?? false }),
      court: (i) => i.details.court?.ori,
      build: (orderId, i, ori) => ({ type: 'AddOrder', orderId, enteringAgencyOri: ori, details: i.details, source: { kind: 'registry' } }),
    }),
  );
