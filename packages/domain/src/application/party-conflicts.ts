import type { Principal } from '../access/roles';
import type { OrderState } from '../order/order-state';
import type { RelatedOrdersPort } from '../ports/related-orders';
import { conflictsWithProposed, type Conflict } from '../precedence/conflicts';
import { conflictIndicator, pairPrecedence, visibleOrders, type ConflictIndicator, type PairPrecedence, type Withheld } from '../precedence/pair-precedence';
import { personPairsOf } from '../precedence/person-pairs';
import { precedenceSnapshotOf } from '../precedence/precedence-snapshot';

/** An order read's `precedence` block (ADR 0040). */
export interface OrderPrecedence {
  readonly at: string;
  readonly pairs: readonly PairPrecedence[];
  /** Orders about these people the caller may not see (sealed): counted, never described. */
  readonly withheldOrders: number;
}

export interface PartyConflicts {
  /** Enforcement view and conflicts for each pair of the order, and the orders withheld from `p` (for the audit); undefined when the order is neither a draft nor issued. */
  forOrder(state: OrderState, p: Principal, at: string): Promise<{ readonly precedence: OrderPrecedence; readonly withheld: readonly Withheld[] } | undefined>;
  /** Warnings for a draft or a just-added order: its contradictions with the visible orders in force, deduplicated across pairs. */
  warnings(state: OrderState, p: Principal, at: string): Promise<Conflict[]>;
  /**
   * The warnings, and the orders about the same people that `p` may not see (sealed ones): a clerk
   * drafting an order is told they exist, by count, so a supervisor can look before it is issued.
   */
  proposedCheck(state: OrderState, p: Principal, at: string): Promise<{ readonly warnings: Conflict[]; readonly withheld: readonly Withheld[] }>;
  /** One indicator per order id (a page of search hits), from one call to the port. */
  indicators(orderIds: readonly string[], p: Principal, at: string): Promise<Map<string, ConflictIndicator>>;
}

/**
 * Conflicting orders and enforcement precedence for an order's people (issue 7): the orders
 * about each pair come through `RelatedOrdersPort`; the rules (ADR 0007) and the access policy
 * decide the rest. The instant comes from the caller, who reads it from the clock port.
 */
export const createPartyConflicts = (related: RelatedOrdersPort): PartyConflicts => {
  const proposedCheck: PartyConflicts['proposedCheck'] = async (state, p, at) => {
    if (state.status !== 'issued' && state.status !== 'draft') return { warnings: [], withheld: [] };
    const self = precedenceSnapshotOf(state, at);
    if (self === undefined) return { warnings: [], withheld: [] };
    const found = await related.ordersConcerning(personPairsOf(state.details));
    const out = new Map<string, Conflict>();
    const withheld = new Map<string, Withheld>();
    for (const orders of found) {
      const seen = visibleOrders(orders, p, self.orderId);
      for (const c of conflictsWithProposed(self, seen.visible.map((r) => r.snapshot), at)) out.set(`${c.dimension}|${c.orderIds.join(',')}`, c);
      for (const w of seen.withheld) withheld.set(w.orderId, w);
    }
    return { warnings: [...out.values()], withheld: [...withheld.values()] };
  };

  return {
    async forOrder(state, p, at) {
      if (state.status !== 'issued' && state.status !== 'draft') return undefined;
      const self = precedenceSnapshotOf(state, at);
      const found = await related.ordersConcerning(personPairsOf(state.details));
      const results = found.map((orders, i) => pairPrecedence(i, self, orders, p, at));
      const withheld = [...new Map(results.flatMap((r) => r.withheld).map((w) => [w.orderId, w])).values()];
      return { precedence: { at, pairs: results.map((r) => r.view), withheldOrders: withheld.length }, withheld };
    },

    async warnings(state, p, at) {
      return (await proposedCheck(state, p, at)).warnings;
    },

    proposedCheck,

    async indicators(orderIds, p, at) {
      const linked = await related.ordersLinkedTo(orderIds);
      return new Map(orderIds.map((id) => [id, conflictIndicator(id, linked.get(id)?.values() ?? [], p, at)]));
    },
  };
};
