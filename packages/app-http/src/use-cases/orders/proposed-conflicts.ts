import * as E from 'fp-ts/Either';
import type { PartyConflicts } from '@ccpor/domain';
import type { Logger } from 'pino';
import { unlessViewsDown } from '../../conflicts/unless-views-down';
import type { OrderAccess } from './order-access';
import type { OrderCommandOutcome, OrderCommandRequest } from './run-order-command';

export interface ProposedConflictsDeps<R> {
  readonly access: OrderAccess<R>;
  readonly partyConflicts: Pick<PartyConflicts, 'proposedCheck'>;
  readonly logger: Logger;
}

/**
 * Adds to a written draft or order its conflicts with orders in force about the same people:
 * warnings for the judge and clerk, never a refusal (ADR 0040). Orders about the same people the
 * caller may not see (sealed) are only counted, so a supervisor can look before the order is
 * issued; each withholding is audited. The write is committed already, so unreachable search
 * views make the check say it did not run rather than fail the answer.
 */
export const withProposedConflicts = async <R>(deps: ProposedConflictsDeps<R>, request: OrderCommandRequest<unknown>, outcome: OrderCommandOutcome<R>): Promise<OrderCommandOutcome<R>> => {
  if (E.isLeft(outcome)) return outcome;
  const r = outcome.right;
  const checked = await unlessViewsDown(deps, () => deps.partyConflicts.proposedCheck(r.state, request.principal, r.at));
  if (!checked.ok) return E.right({ ...r, conflicts: { checked: false } });
  for (const w of checked.value.withheld) deps.access.withheld(w);
  return E.right({ ...r, conflicts: { checked: true, warnings: checked.value.warnings, withheldOrders: checked.value.withheld.length } });
};
