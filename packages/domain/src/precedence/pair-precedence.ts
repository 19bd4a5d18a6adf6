import { authorizeOrder } from '../access/policy';
import type { Principal } from '../access/roles';
import type { RelatedOrder } from '../ports/related-orders';
import { conflictsWithProposed, findConflicts, type Conflict } from './conflicts';
import { ordersInForce } from './in-force';
import { computeEnforcement, type EnforcementView } from './ladder';
import type { OrderSnapshot } from './order-snapshot';

/** Another order about the same two people, as a caller allowed to read it sees it in the list. */
export interface RelatedOrderView {
  readonly orderId: string;
  readonly form: string;
  readonly caseNumber: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  /** in force now, or why not. */
  readonly state: 'in-force' | 'not-yet-in-force' | 'expired' | 'canceled';
  /** exact: same names and DOBs; phonetic: same DOBs, names that sound alike (a possible typo: check the person). */
  readonly match: 'exact' | 'phonetic';
}

/** An order about the pair the caller may not read: never shown, only counted, and audited (ADR 0040). */
export interface Withheld {
  readonly orderId: string;
  readonly code: string;
  readonly rule: string;
}

/**
 * The most orders in force about one pair whose precedence and conflicts one request computes.
 * Conflicts are between every two of them (quadratic), so past this a request answers with the
 * list and a count instead, and no search or order read can tie the server up (issue 12, finding
 * 4). Real pairs have a handful of orders; a pair with more needs a person to read the list.
 */
export const MAX_ORDERS_IN_FORCE_PER_PAIR = 25;

/** Said instead of the enforcement view and the conflicts of a pair with too many orders in force. */
export interface TooManyRelatedOrders {
  /** Orders in force about the pair that the caller may see (the order itself included). */
  readonly orders: number;
  readonly limit: number;
  readonly message: string;
}

export const tooManyRelatedOrders = (orders: number): TooManyRelatedOrders => ({
  orders,
  limit: MAX_ORDERS_IN_FORCE_PER_PAIR,
  message: `too many related orders: ${orders}, see the list (precedence and conflicts are computed for up to ${MAX_ORDERS_IN_FORCE_PER_PAIR} orders in force about one pair)`,
});

/**
 * Precedence for the order's restrained person and one of its protected persons: the enforcement
 * view and the conflicts, or, past MAX_ORDERS_IN_FORCE_PER_PAIR orders in force, neither and
 * `tooManyRelatedOrders` instead (the list of related orders is always given).
 */
export interface PairPrecedence {
  /** Index of the protected person in this order's `protectedPersons`. */
  readonly protectedPerson: number;
  readonly relatedOrders: readonly RelatedOrderView[];
  /** What officers enforce now among the orders in force the caller may see (ADR 0007). */
  readonly enforcement?: EnforcementView;
  /** Conflicts among those orders, or, for a draft, between it and them (warnings). */
  readonly conflicts?: readonly Conflict[];
  readonly tooManyRelatedOrders?: TooManyRelatedOrders;
  /** Orders about the pair the caller may not see; when above 0 the view above may be incomplete. */
  readonly withheldOrders: number;
}

const stateAt = (o: OrderSnapshot, at: string): RelatedOrderView['state'] => {
  if (o.status === 'canceled') return 'canceled';
  if (Date.parse(o.issuedAt) > Date.parse(at)) return 'not-yet-in-force';
  if (o.expiresAt !== null && Date.parse(o.expiresAt) <= Date.parse(at)) return 'expired';
  return 'in-force';
};

/**
 * Splits the orders found for a pair into those `p` may read and those withheld. Drafts of other
 * orders are work in progress, not orders: they take no part and are not counted.
 */
export const visibleOrders = (related: readonly RelatedOrder[], p: Principal, selfId: string): { visible: RelatedOrder[]; withheld: Withheld[] } => {
  const visible: RelatedOrder[] = [];
  const withheld: Withheld[] = [];
  for (const r of related) {
    if (r.snapshot.orderId === selfId || r.snapshot.status === 'draft' || r.snapshot.status === 'discarded') continue;
    const d = authorizeOrder(p, 'order.read', r.facts);
    if (d.allowed) visible.push(r);
    else withheld.push({ orderId: r.snapshot.orderId, code: d.code, rule: d.rule });
  }
  return { visible, withheld };
};

/**
 * The precedence of one pair: the order itself (`self`, fresh from its stream, so a view that
 * trails the log cannot leave it out) with the other orders found for the pair that `p` may see.
 * An issued order joins the others: the enforcement view and the conflicts cover them all. A
 * draft is not in force: the view shows what is enforced today, and its conflicts are warnings
 * against the orders in force (`conflictsWithProposed`), raised before it is issued.
 */
export const pairPrecedence = (
  index: number,
  self: OrderSnapshot | undefined,
  related: readonly RelatedOrder[],
  p: Principal,
  at: string,
): { readonly view: PairPrecedence; readonly withheld: readonly Withheld[] } => {
  const { visible, withheld } = visibleOrders(related, p, self?.orderId ?? '');
  const others = visible.map((r) => r.snapshot);
  const proposed = self !== undefined && self.status === 'draft';
  const orders = self !== undefined && !proposed ? [...others, self] : others;
  const inForce = ordersInForce(orders, at).length;
  return {
    view: {
      protectedPerson: index,
      relatedOrders: visible.map((r) => ({
        orderId: r.snapshot.orderId,
        form: r.snapshot.form,
        caseNumber: r.snapshot.caseNumber,
        issuedAt: r.snapshot.issuedAt,
        expiresAt: r.snapshot.expiresAt,
        state: stateAt(r.snapshot, at),
        match: r.match,
      })),
      ...(inForce > MAX_ORDERS_IN_FORCE_PER_PAIR
        ? { tooManyRelatedOrders: tooManyRelatedOrders(inForce) }
        : { enforcement: computeEnforcement(orders, at), conflicts: proposed ? conflictsWithProposed(self, others, at) : findConflicts(orders, at) }),
      withheldOrders: withheld.length,
    },
    withheld,
  };
};

/** Warnings for an order about to be issued, or just added: how it contradicts the visible orders in force. */
export const proposedWarnings = (self: OrderSnapshot, related: readonly RelatedOrder[], p: Principal, at: string): Conflict[] =>
  conflictsWithProposed(self, visibleOrders(related, p, self.orderId).visible.map((r) => r.snapshot), at);

/**
 * A search hit's compact indicator: other orders in force about its parties, and their conflicts;
 * past MAX_ORDERS_IN_FORCE_PER_PAIR on a pair, the count alone and `tooManyRelatedOrders`.
 */
export interface ConflictIndicator {
  /** Orders in force about the hit's pairs besides the hit itself, that the caller may see. */
  readonly otherOrdersInForce: number;
  /** Conflicts among the orders in force about the hit's pairs (the hit included). */
  readonly conflicts?: number;
  /** At least one of them must go to a judge (CRC 5.445). */
  readonly needsJudge?: boolean;
  readonly tooManyRelatedOrders?: TooManyRelatedOrders;
}

/** The indicator of one hit from its pairs' orders (each list includes the hit itself when it is issued). Linear in the orders, the conflicts of at most MAX_ORDERS_IN_FORCE_PER_PAIR aside. */
export const conflictIndicator = (hitId: string, pairs: Iterable<readonly RelatedOrder[]>, p: Principal, at: string): ConflictIndicator => {
  const others = new Set<string>();
  const conflicts = new Map<string, Conflict>();
  let most = 0;
  for (const related of pairs) {
    const self = related.find((r) => r.snapshot.orderId === hitId && r.snapshot.status !== 'draft');
    const orders = [...visibleOrders(related, p, hitId).visible.map((r) => r.snapshot), ...(self ? [self.snapshot] : [])];
    const inForce = ordersInForce(orders, at);
    for (const o of inForce) if (o.orderId !== hitId) others.add(o.orderId);
    most = Math.max(most, inForce.length);
    if (most > MAX_ORDERS_IN_FORCE_PER_PAIR) continue;
    for (const c of findConflicts(inForce, at)) conflicts.set(`${c.kind}|${c.dimension}|${c.orderIds.join(',')}`, c);
  }
  return most > MAX_ORDERS_IN_FORCE_PER_PAIR
    ? { otherOrdersInForce: others.size, tooManyRelatedOrders: tooManyRelatedOrders(most) }
    : { otherOrdersInForce: others.size, conflicts: conflicts.size, needsJudge: [...conflicts.values()].some((c) => c.needsJudge) };
};
