import { sqlRelatedOrders } from '@ccpor/adapters';
import type { Conflict, OrderState, Principal, RelatedOrdersPort } from '@ccpor/domain';
import type { AppServices } from '../composition/services';
import { conflictIndicator, pairPrecedence, proposedWarnings, type ConflictIndicator, type PairPrecedence, type Withheld } from './pair-precedence';
import { personPairsOf } from './person-pairs';
import { precedenceSnapshotOf } from './proposed-snapshot';

/** The order read's `precedence` block (ADR 0040). */
export interface OrderPrecedence {
  readonly at: string;
  readonly pairs: readonly PairPrecedence[];
  /** Orders about these people the caller may not see (sealed): counted, never described. */
  readonly withheldOrders: number;
}

/**
 * Conflicting orders and enforcement precedence for the HTTP routes (issue 7): the related
 * orders come from the party index through `RelatedOrdersPort`, the rules from the domain.
 */
export class PartyConflicts {
  constructor(private readonly related: RelatedOrdersPort) {}

  /** Enforcement view and conflicts for each pair of the order, and the orders withheld from `p` (for the audit). */
  async forOrder(state: OrderState, p: Principal, at: string): Promise<{ precedence: OrderPrecedence; withheld: Withheld[] } | undefined> {
    if (state.status !== 'issued' && state.status !== 'draft') return undefined;
    const pairs = personPairsOf(state.details);
    const self = precedenceSnapshotOf(state, at);
    const found = await this.related.ordersConcerning(pairs);
    const results = found.map((related, i) => pairPrecedence(i, self, related, p, at));
    const withheld = [...new Map(results.flatMap((r) => r.withheld).map((w) => [w.orderId, w])).values()];
    return { precedence: { at, pairs: results.map((r) => r.view), withheldOrders: withheld.length }, withheld };
  }

  /** Warnings for a draft or a just-added order: its contradictions with visible orders in force, per pair, deduplicated. */
  async warnings(state: OrderState, p: Principal, at: string): Promise<Conflict[]> {
    if (state.status !== 'issued' && state.status !== 'draft') return [];
    const self = precedenceSnapshotOf(state, at);
    if (self === undefined) return [];
    const found = await this.related.ordersConcerning(personPairsOf(state.details));
    const out = new Map<string, Conflict>();
    for (const related of found) for (const c of proposedWarnings(self, related, p, at)) out.set(`${c.dimension}|${c.orderIds.join(',')}`, c);
    return [...out.values()];
  }

  /** One indicator per hit, from one statement for the whole page. */
  async indicators(orderIds: readonly string[], p: Principal, at: string): Promise<Map<string, ConflictIndicator>> {
    const linked = await this.related.ordersLinkedTo(orderIds);
    const none = [] as const;
    return new Map(orderIds.map((id) => [id, conflictIndicator(id, linked.get(id)?.values() ?? none, p, at)]));
  }
}

const instances = new WeakMap<AppServices, PartyConflicts>();

/**
 * The service for a running registry, on the SQL views the search service keeps current. Made
 * on first use, so the composition root needs nothing new: the views are the only dependency.
 */
export const partyConflictsOf = (s: AppServices): PartyConflicts => {
  let c = instances.get(s);
  if (c === undefined) {
    c = new PartyConflicts(sqlRelatedOrders(s.search.views.db, s.search.views.schema));
    instances.set(s, c);
  }
  return c;
};
