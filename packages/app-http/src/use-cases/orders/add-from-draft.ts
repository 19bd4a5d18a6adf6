import type { DraftDetails, Ori } from '@ccpor/domain';
import { withProposedConflicts, type ProposedConflictsDeps } from './proposed-conflicts';
import { runOnOrder, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export interface AddFromDraftInput {
  /** Merged over the draft's details before it is added. */
  readonly details?: DraftDetails;
}

/**
 * Add an order to the registry from its draft, under the court the input names, else the
 * draft's (ADR 0034). Answers with its conflicts with orders in force about the same people (ADR 0040).
 */
export const addFromDraft = async <R>(deps: OnOrderDeps<R> & ProposedConflictsDeps<R>, request: OnOrderRequest<AddFromDraftInput>): Promise<OrderCommandOutcome<R>> =>
  withProposedConflicts(
    deps,
    request,
    await runOnOrder(deps, request, {
      action: 'order.add',
      court: (i, state) => i.details?.court?.ori ?? (state.status === 'draft' ? state.details.court?.ori : undefined),
      build: (orderId, i, state) => ({
        type: 'AddOrder',
        orderId,
        enteringAgencyOri: (state.status === 'none' ? '' : state.enteringAgencyOri) as Ori,
        ...(i.details ? { details: i.details } : {}),
        source: { kind: 'registry' },
      }),
    }),
  );
