import { DIMENSIONS, differ, provisionOn, type Dimension } from './dimensions';
import { ordersInForce } from './in-force';
import { computeEnforcement, type EnforcementView } from './ladder';
import { categoryOf, describeOrder, type OrderSnapshot } from './order-snapshot';

export type ConflictKind =
  | 'criminal-order-vs-visitation'
  | 'contact-terms-differ'
  | 'stay-away-differs'
  | 'residence-terms-differ'
  | 'firearm-terms-differ'
  | 'proposed-contradicts-in-force';

export interface Conflict {
  readonly kind: ConflictKind;
  readonly orderIds: readonly string[];
  readonly dimension: Dimension;
  readonly explanation: string;
  readonly rule: string;
  /** Flagged for a judge and never resolved by software (CRC 5.445). */
  readonly needsJudge: boolean;
}

const KIND_BY_DIMENSION: Partial<Record<Dimension, ConflictKind>> = {
  contact: 'contact-terms-differ',
  'stay-away': 'stay-away-differs',
  residence: 'residence-terms-differ',
  firearms: 'firearm-terms-differ',
};

const VISITATION_RULE =
  'CRC 5.445 (domain-brief §9.3): custody courts and criminal courts must coordinate; visitation under a civil order must be arranged so it does not breach the criminal protective order. Flagged for a judge, never resolved automatically (§9.4 step 5).';

const restrictsContact = (o: OrderSnapshot) => o.provisions.some((p) => p.kind === 'no-contact' || p.kind === 'peaceful-contact-only');
const allowsVisitation = (o: OrderSnapshot) => o.provisions.some((p) => p.kind === 'custody-visitation-carve-out');

const visitationConflict = (criminal: OrderSnapshot, civil: OrderSnapshot, kind: ConflictKind = 'criminal-order-vs-visitation'): Conflict => ({
  kind,
  orderIds: [criminal.orderId, civil.orderId],
  dimension: 'visitation',
  explanation: `${describeOrder(criminal)} restricts contact while ${describeOrder(civil)} provides for custody or visitation: the exchange of children must be arranged so that it does not violate the criminal protective order.`,
  rule: VISITATION_RULE,
  needsJudge: true,
});

/** `view`: the enforcement view of all the orders, computed once per call, not once per conflicting pair (issue 12). */
const termConflict = (a: OrderSnapshot, b: OrderSnapshot, d: Dimension, view: EnforcementView, kind?: ConflictKind): Conflict | undefined => {
  const k = kind ?? KIND_BY_DIMENSION[d];
  if (!k) return undefined;
  const governing = view.terms.find((t) => t.dimension === d);
  return {
    kind: k,
    orderIds: [a.orderId, b.orderId],
    dimension: d,
    explanation: `${describeOrder(a)} and ${describeOrder(b)} set different ${d} terms. ${governing?.explanation ?? ''}`.trim(),
    rule: governing?.rule ?? 'Fam. Code 6457 (domain-brief §9.1)',
    needsJudge: false,
  };
};

const pairConflicts = (a: OrderSnapshot, b: OrderSnapshot, view: EnforcementView, kind?: ConflictKind): Conflict[] => {
  const out: Conflict[] = [];
  for (const d of DIMENSIONS) {
    const pa = provisionOn(a.provisions, d);
    const pb = provisionOn(b.provisions, d);
    if (pa && pb && differ(pa, pb)) {
      const c = termConflict(a, b, d, view, kind);
      if (c) out.push(c);
    }
  }
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (categoryOf(x) === 'criminal' && categoryOf(y) !== 'criminal' && restrictsContact(x) && allowsVisitation(y)) out.push(visitationConflict(x, y, kind ?? 'criminal-order-vs-visitation'));
  }
  return out;
};

/** The conflicts a judge should see among the orders in force between the same two people. */
export const findConflicts = (orders: readonly OrderSnapshot[], at: string): Conflict[] => {
  const active = ordersInForce(orders, at);
  const view = computeEnforcement(active, at);
  const out: Conflict[] = [];
  for (let i = 0; i < active.length; i++) for (let j = i + 1; j < active.length; j++) out.push(...pairConflicts(active[i]!, active[j]!, view));
  return out;
};

/**
 * Warnings for an order about to be issued: every way it contradicts an order already in force
 * for the same people, with what the ladder would then enforce. Shown when a draft is added.
 */
export const conflictsWithProposed = (proposed: OrderSnapshot, orders: readonly OrderSnapshot[], at: string): Conflict[] => {
  const active = ordersInForce(orders.filter((o) => o.orderId !== proposed.orderId), at);
  const withProposed = [...active, { ...proposed, status: 'issued' as const }];
  const view = computeEnforcement(withProposed, at);
  return active.flatMap((o) => pairConflicts({ ...proposed, status: 'issued' }, o, view, 'proposed-contradicts-in-force'));
};
