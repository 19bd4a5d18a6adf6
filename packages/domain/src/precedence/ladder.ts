import type { Provision } from '../order/provisions';
import { DIMENSIONS, differ, provisionOn, restrictiveness, type Dimension } from './dimensions';
import { byIssueThenId, ordersInForce } from './in-force';
import { categoryOf, describeOrder, type OrderSnapshot } from './order-snapshot';

/**
 * Which step of the statutory ladder settled a term (domain-brief §9.1, Fam. Code 6457; per
 * provision for EPOs, Pen. Code 136.2(c)(1) via the Judicial Council summary in §9.2).
 */
export type LadderStep =
  | 'no-conflict'
  | 'epo-more-restrictive'
  | 'no-contact-order'
  | 'latest-civil'
  | 'latest-criminal'
  | 'latest-order'
  | 'most-restrictive-epo';

export const LADDER_RULES: Readonly<Record<LadderStep, string>> = {
  'no-conflict': 'Only one order in force sets this term, or all agree: it is enforced as written.',
  'epo-more-restrictive': 'Fam. Code 6457 step 1; Pen. Code 136.2(c)(1): an emergency protective order prevails where its terms are more restrictive, and only for those terms (domain-brief §9.1, §9.2).',
  'no-contact-order': 'Fam. Code 6457 step 2 (AB 176, 2013): with no EPO prevailing, a no-contact order has precedence (domain-brief §9.1).',
  'latest-civil': 'Fam. Code 6457 step 3: where only civil orders exist, the most recently issued one is enforced (domain-brief §9.1).',
  'latest-criminal': 'Fam. Code 6457 step 4: where civil and criminal orders both exist, the most recently issued criminal order is enforced (domain-brief §9.1).',
  'latest-order': '[I] Only criminal orders set this term; no ladder step covers that case, so the most recently issued one is shown (domain-brief §9.4).',
  'most-restrictive-epo': '[I] Only emergency protective orders set this term; the most restrictive (then the latest) is shown.',
};

export interface GoverningTerm {
  readonly dimension: Dimension;
  readonly provision: Provision;
  readonly orderId: string;
  readonly step: LadderStep;
  readonly rule: string;
  readonly explanation: string;
  /** Orders whose different term on this dimension gives way. */
  readonly overrides: readonly { readonly orderId: string; readonly provision: Provision }[];
}

export interface EnforcementView {
  readonly at: string;
  /** Order ids in force, oldest first. */
  readonly inForce: readonly string[];
  readonly terms: readonly GoverningTerm[];
  /** The judges' free-text terms of every order in force: always shown, never ranked. */
  readonly otherTerms: readonly { readonly orderId: string; readonly text: string }[];
}

const latest = (orders: readonly OrderSnapshot[]): OrderSnapshot | undefined => [...orders].sort(byIssueThenId).at(-1);

const strictestEpo = (epos: readonly OrderSnapshot[], d: Dimension): OrderSnapshot | undefined =>
  [...epos].sort(byIssueThenId).reduce<OrderSnapshot | undefined>((best, o) => {
    if (best === undefined) return o;
    const a = restrictiveness(provisionOn(o.provisions, d)!);
    const b = restrictiveness(provisionOn(best.provisions, d)!);
    return a >= b ? o : best;
  }, undefined);

const hasNoContact = (o: OrderSnapshot) => o.provisions.some((p) => p.kind === 'no-contact');

/** Steps 2–4 among non-emergency orders that set the term; `allNonEpo` tells whether civil and criminal orders both exist. */
const resolveWithoutEpo = (candidates: readonly OrderSnapshot[], allNonEpo: readonly OrderSnapshot[]): { order: OrderSnapshot; step: LadderStep } => {
  const noContact = candidates.filter(hasNoContact);
  const pool = noContact.length > 0 ? noContact : candidates;
  const bothKinds = allNonEpo.some((o) => categoryOf(o) === 'civil') && allNonEpo.some((o) => categoryOf(o) === 'criminal');
  const criminal = pool.filter((o) => categoryOf(o) === 'criminal');
  const civil = pool.filter((o) => categoryOf(o) === 'civil');
  const chosen = bothKinds && criminal.length > 0 ? latest(criminal)! : latest(civil.length > 0 ? civil : pool)!;
  const step: LadderStep =
    noContact.length > 0 ? 'no-contact-order' : bothKinds && criminal.length > 0 ? 'latest-criminal' : civil.length > 0 ? 'latest-civil' : 'latest-order';
  return { order: chosen, step };
};

const explain = (d: Dimension, winner: OrderSnapshot, step: LadderStep, losers: readonly OrderSnapshot[]): string => {
  if (losers.length === 0) return `The ${d} term of ${describeOrder(winner)} is enforced.`;
  const others = losers.map(describeOrder).join(', ');
  const why: Record<LadderStep, string> = {
    'no-conflict': 'they agree',
    'epo-more-restrictive': 'it is an emergency protective order and its term is more restrictive',
    'no-contact-order': 'it is a no-contact order',
    'latest-civil': 'it is the most recently issued civil order',
    'latest-criminal': 'it is the most recently issued criminal order and civil and criminal orders both exist',
    'latest-order': 'it is the most recently issued order',
    'most-restrictive-epo': 'it is the most restrictive emergency protective order',
  };
  return `Enforce the ${d} term of ${describeOrder(winner)} over ${others}, because ${why[step]}.`;
};

/**
 * The enforcement view for one restrained person and one protected person at an instant: for
 * every aspect of conduct, the term an officer enforces, the ladder step that chose it, and the
 * orders it overrides. Depends only on the set of orders in force, never on their input order.
 */
export const computeEnforcement = (orders: readonly OrderSnapshot[], at: string): EnforcementView => {
  const active = ordersInForce(orders, at);
  const nonEpo = active.filter((o) => categoryOf(o) !== 'emergency');
  const terms: GoverningTerm[] = [];
  for (const d of DIMENSIONS) {
    const candidates = active.filter((o) => provisionOn(o.provisions, d) !== undefined);
    if (candidates.length === 0) continue;
    const first = provisionOn(candidates[0]!.provisions, d)!;
    const agree = candidates.every((o) => !differ(provisionOn(o.provisions, d)!, first));
    let winner: OrderSnapshot;
    let step: LadderStep;
    if (agree) {
      winner = latest(candidates)!;
      step = 'no-conflict';
    } else {
      const epos = candidates.filter((o) => categoryOf(o) === 'emergency');
      const others = candidates.filter((o) => categoryOf(o) !== 'emergency');
      if (others.length === 0) {
        winner = strictestEpo(epos, d)!;
        step = 'most-restrictive-epo';
      } else {
        const base = resolveWithoutEpo(others, nonEpo);
        const epo = epos.length > 0 ? strictestEpo(epos, d) : undefined;
        const epoWins = epo !== undefined && restrictiveness(provisionOn(epo.provisions, d)!) > restrictiveness(provisionOn(base.order.provisions, d)!);
        winner = epoWins ? epo : base.order;
        step = epoWins ? 'epo-more-restrictive' : base.step;
      }
    }
    const provision = provisionOn(winner.provisions, d)!;
    const losers = candidates.filter((o) => o.orderId !== winner.orderId && differ(provisionOn(o.provisions, d)!, provision));
    terms.push({
      dimension: d,
      provision,
      orderId: winner.orderId,
      step,
      rule: LADDER_RULES[step],
      explanation: explain(d, winner, step, losers),
      overrides: losers.map((o) => ({ orderId: o.orderId, provision: provisionOn(o.provisions, d)! })),
    });
  }
  const otherTerms = active.flatMap((o) => o.provisions.flatMap((p) => (p.kind === 'other' ? [{ orderId: o.orderId, text: p.text }] : [])));
  return { at, inForce: active.map((o) => o.orderId), terms, otherTerms };
};
