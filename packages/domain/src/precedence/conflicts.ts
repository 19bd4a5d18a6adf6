import { LAW_DOCS } from '../rules/law-docs';
import { DIMENSIONS, differ, provisionOn, restrictiveness, type Dimension } from './dimensions';
import { ordersInForce } from './in-force';
import { computeEnforcement, LADDER_RULES, type EnforcementView } from './ladder';
import { categoryOf, describeOrder, type OrderSnapshot } from './order-snapshot';

export type ConflictKind =
  | 'criminal-order-vs-visitation'
  | 'epo-overrides-visitation'
  | 'no-contact-order-weaker-term'
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

const VISITATION_RULE = `CRC 5.445: custody courts and criminal courts must coordinate; visitation under a civil order must be arranged so it does not breach the criminal protective order. Flagged for a judge, never resolved automatically. ${LAW_DOCS.precedence}`;
const EPO_VISITATION_RULE = `${LADDER_RULES['epo-more-restrictive']} A custody or visitation carve-out is a permission inside a less restrictive order: an emergency protective order with no contact overrides it while it lasts.`;
const WEAKER_TERM_RULE = `${LADDER_RULES['no-contact-order']} The statute names the no-contact order as a whole; where one of its other terms is weaker than another order's, the registry flags it for a judge rather than deciding it.`;

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
    rule: governing?.rule ?? LADDER_RULES['no-conflict'],
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
    if (categoryOf(x) === 'emergency' && categoryOf(y) !== 'emergency' && hasNoContact(x) && allowsVisitation(y)) {
      out.push({
        kind: kind ?? 'epo-overrides-visitation',
        orderIds: [x.orderId, y.orderId],
        dimension: 'visitation',
        explanation: `${describeOrder(x)} forbids all contact while ${describeOrder(y)} permits contact for custody or visitation: while the emergency order is in force its no-contact term governs, and the exchange of children must be arranged without contact.`,
        rule: EPO_VISITATION_RULE,
        needsJudge: false,
      });
    }
    // A no-contact order is enforced as a whole (step 2); a weaker term in it is not silently preferred.
    if (categoryOf(x) !== 'emergency' && categoryOf(y) !== 'emergency' && hasNoContact(x)) {
      for (const d of WEAKER_DIMENSIONS) {
        const px = provisionOn(x.provisions, d);
        const py = provisionOn(y.provisions, d);
        if (px !== undefined && py !== undefined && restrictiveness(px) < restrictiveness(py)) {
          out.push({
            kind: kind ?? 'no-contact-order-weaker-term',
            orderIds: [x.orderId, y.orderId],
            dimension: d,
            explanation: `${describeOrder(x)} is a no-contact order, which the statute has enforced as a whole, but its ${d} term is weaker than that of ${describeOrder(y)}. A judge should say which governs; until then officers see both.`,
            rule: WEAKER_TERM_RULE,
            needsJudge: true,
          });
        }
      }
    }
  }
  return out;
};

/** Dimensions on which one term can be weaker than another (contact is the no-contact term itself). */
const WEAKER_DIMENSIONS: readonly Dimension[] = ['stay-away', 'firearms'];
const hasNoContact = (o: OrderSnapshot) => o.provisions.some((p) => p.kind === 'no-contact');

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
