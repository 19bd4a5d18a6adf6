import { DEADLINE_RULES, deadlinesOf, type Deadline, type DeadlineRuleId, type OrderState } from '@ccpor/domain';

/**
 * Which of an order's DOJ deadlines (ADR 0042) a CARPOS message carries. An enter or a modify
 * carries the whole record as it stands, so every record deadline still open (issue,
 * registration, modification, renewal); a proof of service its own service's deadline; a
 * cancel or clear the termination's.
 */
export type Carried = { readonly kind: 'record' } | { readonly kind: 'service'; readonly serviceId: string } | { readonly kind: 'retire' };

const RECORD_PURPOSES: ReadonlySet<string> = new Set(['issue', 'registration', 'modify', 'renew']);

const ruleOf = (d: Deadline) => DEADLINE_RULES[d.ruleId as DeadlineRuleId];
const isDoj = (d: Deadline): boolean => ruleOf(d)?.kind === 'doj-transmission';
const dojDeadlines = (state: OrderState): readonly Deadline[] => (state.status === 'issued' ? deadlinesOf(state).filter(isDoj) : []);

/** The DOJ deadlines an event started: in the state after it and not before. */
export const startedDojDeadlines = (before: OrderState, after: OrderState): Deadline[] => {
  const known = new Set(dojDeadlines(before).map((d) => d.id));
  return dojDeadlines(after).filter((d) => !known.has(d.id));
};

/** The ids of the open DOJ deadlines a message of this kind carries, in the order's state after the event. */
export const carriedDeadlineIds = (after: OrderState, carried: Carried): string[] =>
  dojDeadlines(after)
    .filter((d) => d.status === 'pending')
    .filter((d) => {
      const purpose = ruleOf(d).purpose;
      switch (carried.kind) {
        case 'record':
          return RECORD_PURPOSES.has(purpose);
        case 'service':
          return purpose === 'service' && d.ref === carried.serviceId;
        case 'retire':
          return purpose === 'cancel';
      }
    })
    .map((d) => d.id);

/** A deadline as the gateway's table holds it. */
export const deadlineRow = (orderId: string, d: Deadline) => {
  const rule = ruleOf(d);
  return {
    order_id: orderId,
    deadline_id: d.id,
    purpose: rule.purpose,
    transaction: 'transaction' in rule ? (rule.transaction ?? null) : null,
    started_at: d.startedAt,
    due_at: d.dueAt,
  };
};
export type DeadlineRow = ReturnType<typeof deadlineRow>;
