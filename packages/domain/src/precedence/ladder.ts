import { UNSERVED_NOTICE } from '../order/order-status';
import type { Provision } from '../order/provisions';
import { LAW_DOCS } from '../rules/law-docs';
import { DIMENSIONS, differ, provisionOn, restrictiveness, sameProvision, type Dimension } from './dimensions';
import { byIssueThenId, ordersInForce } from './in-force';
import { categoryOf, describeOrder, isCanadian, type OrderSnapshot } from './order-snapshot';

/**
 * Which step of the statutory order of enforcement settled a term (Pen. Code 136.2(c)(1);
 * Fam. Code 6383(h), 6405(b); docs/law/precedence.md). Fam. Code 6457 states the same order for
 * Canadian orders and is cited only when one is involved.
 */
export type LadderStep =
  | 'no-conflict'
  | 'epo-more-restrictive'
  | 'no-contact-order'
  | 'latest-civil'
  | 'latest-criminal'
  | 'latest-order'
  | 'most-restrictive-epo';

const LADDER = 'Pen. Code 136.2(c)(1); Fam. Code 6383(h); Fam. Code 6405(b)';
const DOC = LAW_DOCS.precedence;

export const LADDER_RULES: Readonly<Record<LadderStep, string>> = {
  'no-conflict': `Only one order in force sets this term, or all say the same: it is enforced as written. ${DOC}`,
  'epo-more-restrictive': `${LADDER}: an emergency protective order under Fam. Code 6250 et seq. or Pen. Code 646.91 that protects the same person from the same restrained person has precedence, for its more restrictive terms only (a gun violence emergency order does not take this step). ${DOC}`,
  'no-contact-order': `${LADDER}: with no emergency protective order prevailing, a no-contact order (Fam. Code 6320) has precedence. ${DOC}`,
  'latest-civil': `${LADDER}: where only civil orders exist for the same parties, the order issued last is enforced. ${DOC}`,
  'latest-criminal': `${LADDER}: where civil and criminal orders both exist for the same parties, the criminal order issued last is enforced. ${DOC}`,
  'latest-order': `[I] Only criminal orders set this term; no step of ${LADDER} covers that case, so the one issued last is shown. ${DOC}`,
  'most-restrictive-epo': `[I] Only emergency protective orders set this term; the most restrictive (then the latest) is shown. ${DOC}`,
};

const CANADIAN_NOTE = '; Fam. Code 6457 states the same order of enforcement for Canadian orders';

/**
 * Where a term comes from: the order the statute names (or an emergency order's more restrictive
 * term, which the statute lets prevail term by term), or the registry's reading, which combines
 * terms of several orders where the statute names one whole order. A registry reading is shown for
 * a judge to resolve, never presented as the law's answer.
 */
export type TermBasis = 'statute' | 'registry-reading';

export interface GoverningTerm {
  readonly dimension: Dimension;
  readonly provision: Provision;
  readonly orderId: string;
  readonly step: LadderStep;
  readonly rule: string;
  readonly explanation: string;
  /** Orders whose different term on this dimension gives way. */
  readonly overrides: readonly { readonly orderId: string; readonly provision: Provision }[];
  readonly basis: TermBasis;
}

/** The whole order the statute says an officer enforces, when several non-emergency orders are in force. */
export interface StatutoryOrder {
  readonly orderId: string;
  readonly step: LadderStep;
  readonly rule: string;
  readonly explanation: string;
}

export interface EnforcementView {
  readonly at: string;
  /** Order ids in force, oldest first. */
  readonly inForce: readonly string[];
  readonly terms: readonly GoverningTerm[];
  /** The judges' free-text terms of every order in force: always shown, never ranked. */
  readonly otherTerms: readonly { readonly orderId: string; readonly text: string }[];
  /** The order the statute names among the non-emergency orders in force (steps 2–4). */
  readonly statutoryOrder?: StatutoryOrder;
  /** Some term comes from another order than the one the statute names: the registry's reading, for a judge to resolve. */
  readonly combinedReading: boolean;
  /** Orders in force with no proof of service: the officer tells the restrained person the terms, then enforces (Fam. Code 6383(e)). */
  readonly notServed: readonly { readonly orderId: string; readonly notice: string; readonly rule: string }[];
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
 * The order the statute names among the non-emergency orders in force: a no-contact order (the
 * latest, where there are several [I]); else, where civil and criminal orders both exist, the
 * criminal order issued last; else the order issued last.
 */
export const statutoryOrderOf = (nonEpo: readonly OrderSnapshot[]): { order: OrderSnapshot; step: LadderStep } | undefined => {
  if (nonEpo.length === 0) return undefined;
  const noContact = nonEpo.filter(hasNoContact);
  if (noContact.length > 0) return { order: latest(noContact)!, step: 'no-contact-order' };
  const criminal = nonEpo.filter((o) => categoryOf(o) === 'criminal');
  const civil = nonEpo.filter((o) => categoryOf(o) === 'civil');
  if (criminal.length > 0 && civil.length > 0) return { order: latest(criminal)!, step: 'latest-criminal' };
  return civil.length > 0 ? { order: latest(civil)!, step: 'latest-civil' } : { order: latest(criminal)!, step: 'latest-order' };
};

const STATUTORY_WHY: Partial<Record<LadderStep, string>> = {
  'no-contact-order': 'it is a no-contact order',
  'latest-civil': 'it is the civil order issued last',
  'latest-criminal': 'it is the criminal order issued last and civil and criminal orders both exist',
  'latest-order': 'it is the order issued last',
};

/**
 * A custody or visitation carve-out is a permission inside a restraining order, not a term of its
 * own: an emergency protective order with no contact overrides it while it lasts (Pen. Code
 * 136.2(c)(1)), and the override is shown (docs/law/precedence.md).
 */
const visitationOverride = (active: readonly OrderSnapshot[], withNote: (rule: string) => string): GoverningTerm | undefined => {
  const carveOuts = active.filter((o) => categoryOf(o) !== 'emergency' && provisionOn(o.provisions, 'visitation') !== undefined);
  const epo = latest(active.filter((o) => categoryOf(o) === 'emergency' && hasNoContact(o)));
  if (carveOuts.length === 0 || epo === undefined) return undefined;
  const others = carveOuts.map(describeOrder).join(', ');
  return {
    dimension: 'visitation',
    provision: { kind: 'no-contact' },
    orderId: epo.orderId,
    step: 'epo-more-restrictive',
    rule: withNote(LADDER_RULES['epo-more-restrictive']),
    explanation: `While ${describeOrder(epo)} is in force, its no-contact term overrides the custody or visitation permission of ${others}: the permission is part of a less restrictive order, and the emergency order is more restrictive.`,
    overrides: carveOuts.map((o) => ({ orderId: o.orderId, provision: provisionOn(o.provisions, 'visitation')! })),
    basis: 'statute',
  };
};

/**
 * The enforcement view for one restrained person and one protected person at an instant: for
 * every aspect of conduct, the term an officer enforces, the ladder step that chose it, the
 * orders it overrides and whether the statute or the registry's reading puts it there; the order
 * the statute names; and the orders in force that were never served. Depends only on the set of
 * orders in force, never on their input order.
 */
export const computeEnforcement = (orders: readonly OrderSnapshot[], at: string): EnforcementView => {
  const active = ordersInForce(orders, at);
  const nonEpo = active.filter((o) => categoryOf(o) !== 'emergency');
  const canadian = active.some(isCanadian);
  const withNote = (rule: string): string => (canadian ? `${rule.replace(/\s*docs\/law\/precedence\.md$/, '')}${CANADIAN_NOTE}. ${DOC}` : rule);
  const statutory = statutoryOrderOf(nonEpo);
  const terms: GoverningTerm[] = [];
  for (const d of DIMENSIONS) {
    if (d === 'visitation') {
      const override = visitationOverride(active, withNote);
      if (override !== undefined) {
        terms.push(override);
        continue;
      }
    }
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
    // An emergency order's term prevails term by term (136.2(c)(1)(B)); any other term is the
    // statute's only if the order the statute names says the same.
    const statutoryTerm = statutory === undefined ? undefined : provisionOn(statutory.order.provisions, d);
    const basis: TermBasis =
      categoryOf(winner) === 'emergency' || statutory === undefined || (statutoryTerm !== undefined && sameProvision(statutoryTerm, provision)) ? 'statute' : 'registry-reading';
    terms.push({
      dimension: d,
      provision,
      orderId: winner.orderId,
      step,
      rule: withNote(LADDER_RULES[step]),
      explanation:
        basis === 'registry-reading'
          ? `${explain(d, winner, step, losers)} The statute names ${describeOrder(statutory!.order)} as the order to enforce; taking this term from another order is the registry's reading, for a judge to resolve.`
          : explain(d, winner, step, losers),
      overrides: losers.map((o) => ({ orderId: o.orderId, provision: provisionOn(o.provisions, d)! })),
      basis,
    });
  }
  const otherTerms = active.flatMap((o) => o.provisions.flatMap((p) => (p.kind === 'other' ? [{ orderId: o.orderId, text: p.text }] : [])));
  return {
    at,
    inForce: active.map((o) => o.orderId),
    terms,
    otherTerms,
    ...(statutory !== undefined
      ? {
          statutoryOrder: {
            orderId: statutory.order.orderId,
            step: statutory.step,
            rule: withNote(LADDER_RULES[statutory.step]),
            explanation: `The statute names ${describeOrder(statutory.order)} as the order to enforce, because ${STATUTORY_WHY[statutory.step] ?? 'it is the order issued last'}${nonEpo.length < active.length ? '; an emergency protective order in force prevails over it for its more restrictive terms' : ''}.`,
          },
        }
      : {}),
    combinedReading: terms.some((t) => t.basis === 'registry-reading'),
    notServed: active.filter((o) => o.served === false).map((o) => ({ orderId: o.orderId, notice: UNSERVED_NOTICE.notice, rule: UNSERVED_NOTICE.rule })),
  };
};
