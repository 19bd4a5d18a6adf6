import { withProposedConflicts, type ProposedConflictsDeps } from './proposed-conflicts';
import { runOnOrder, type CommandFields, type OnOrderDeps, type OnOrderRequest, type OrderCommandOutcome } from './run-order-command';

export type UpdateDraftInput = CommandFields<'UpdateDraft'>;

/** Update a draft (details given are merged, `clear` empties fields), under the court it names (ADR 0034). Answers with its conflicts (ADR 0040). */
export const updateDraft = async <R>(deps: OnOrderDeps<R> & ProposedConflictsDeps<R>, request: OnOrderRequest<UpdateDraftInput>): Promise<OrderCommandOutcome<R>> =>
  withProposedConflicts(
    deps,
    request,
    await runOnOrder(deps, request, {
      action: 'order.draft',
      court: (i) => i.details.court?.ori,
      build: (orderId, i) => ({ type: 'UpdateDraft', orderId, details: i.details, ...(i.clear ? { clear: i.clear } : {}) }),
    }),
  );
