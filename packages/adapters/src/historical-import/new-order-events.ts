import { isLeft } from 'fp-ts/Either';
import {
  correlate,
  fold,
  initialState,
  orderDecider,
  toNewEvents,
  type Actor,
  type CommandInput,
  type IdGenerator,
  type NewEvent,
  type OrderCommand,
  type OrderState,
} from '@ccpor/domain';
import type { ImportMapping } from './import-mapping';
import { domainProblem, type PlannedRow, type RowProblem } from './map-row';

/** One command of a row, decided at the time it happened. */
export interface DatedCommand {
  readonly input: CommandInput;
  readonly at: string;
  /** Prefix of the refused field's path, so a problem names the right source column (`service.`). */
  readonly fieldPrefix: string;
}

export type NewOrderPlan =
  | { readonly kind: 'rejected'; readonly problems: readonly RowProblem[] }
  | { readonly kind: 'append'; readonly events: readonly NewEvent[]; readonly state: OrderState; readonly problems: readonly RowProblem[] };

/**
 * Decides a new order's whole history in memory — AddOrder, then its service and cancellation —
 * with the registry's own decider, each command at its original time, so the row can be written
 * in one append that expects no stream. The command handler would read the stream and append
 * once per command; for an order that does not exist yet those reads can only find what this
 * function already holds, and one append is one transaction on the SQL stores. The rules are the
 * same: a refused AddOrder rejects the row, a refused service or cancellation is a problem of a
 * partial row while the rest is kept, exactly as when the commands are handled one by one.
 */
export const planNewOrder = (
  mapping: ImportMapping,
  plan: PlannedRow,
  commands: readonly DatedCommand[],
  meta: { readonly actor: Actor; readonly ids: IdGenerator; readonly extra: Readonly<Record<string, unknown>> },
): NewOrderPlan => {
  let state: OrderState = initialState;
  const events: NewEvent[] = [];
  const problems: RowProblem[] = [];
  // One correlation id for the row: its events are one act of the import.
  const ctx = correlate({ actor: meta.actor, extra: meta.extra }, meta.ids);
  for (const [i, c] of commands.entries()) {
    const decision = orderDecider.decide({ ...c.input, at: c.at } as OrderCommand, state);
    if (isLeft(decision)) {
      const problem = domainProblem(mapping, plan.row, plan.sourceRecordId, decision.left, c.fieldPrefix);
      if (i === 0) return { kind: 'rejected', problems: [problem] };
      problems.push(problem);
      continue;
    }
    state = fold(decision.right, state);
    // Metadata as the command handler builds it, each command's events at the command's time.
    events.push(...toNewEvents(decision.right, ctx, meta.ids, c.at));
  }
  return { kind: 'append', events, state, problems };
};
