import type { Principal } from '../access/roles';
import type { Provision } from '../order/provisions';
import type { RelatedOrder } from '../ports/related-orders';
import type { OrderSnapshot } from './order-snapshot';
import { conflictIndicator, MAX_ORDERS_IN_FORCE_PER_PAIR, pairPrecedence, visibleOrders } from './pair-precedence';

const NOW = '2026-06-01T12:00:00-07:00';
const LA = 'CA019015J';
const ORANGE = 'CA030015J';
const clerk: Principal = { userId: 'clerk', agencyOri: LA, roles: ['court-clerk'], cletsCertified: false, kind: 'user' };
const supervisor: Principal = { userId: 'sup', agencyOri: ORANGE, roles: ['supervisor'], cletsCertified: false, kind: 'user' };

let n = 0;
const related = (form: OrderSnapshot['form'], provisions: Provision[], extra: Partial<OrderSnapshot> = {}, facts: Partial<RelatedOrder['facts']> = {}): RelatedOrder => ({
  snapshot: {
    orderId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    form,
    caseNumber: `CASE-${n}`,
    courtName: 'Superior Court',
    issuedAt: '2026-02-01T10:00:00-08:00',
    expiresAt: '2029-01-01T00:00:00-08:00',
    status: 'issued',
    provisions,
    ...extra,
  },
  facts: { ownerAgencyOri: ORANGE, assignedAgencies: [], sealed: false, ...facts },
  match: 'exact',
});
const stayAway = (yards: number): Provision => ({ kind: 'stay-away', distanceYards: yards as never, places: ['person'] });

describe('which related orders a caller may see', () => {
  it('a sealed order is withheld from a clerk with the policy’s code and rule, and shown to a supervisor', () => {
    const open = related('DV-130', [stayAway(100)]);
    const sealed = related('CR-160', [stayAway(300)], {}, { sealed: true });
    const forClerk = visibleOrders([open, sealed], clerk, 'self');
    expect(forClerk.visible).toEqual([open]);
    expect(forClerk.withheld).toEqual([expect.objectContaining({ orderId: sealed.snapshot.orderId, code: 'SEALED_ORDER' })]);
    expect(forClerk.withheld[0]?.rule.length).toBeGreaterThan(10);
    expect(visibleOrders([open, sealed], supervisor, 'self')).toEqual({ visible: [open, sealed], withheld: [] });
  });

  it('drafts and the order itself are neither shown nor counted', () => {
    const draft = related('CR-160', [stayAway(300)], { status: 'draft' });
    const self = related('DV-130', [stayAway(100)]);
    expect(visibleOrders([draft, self], clerk, self.snapshot.orderId)).toEqual({ visible: [], withheld: [] });
  });
});

describe('precedence of one pair', () => {
  it('the order itself counts even when the view has not caught up with it', () => {
    const other = related('CH-130', [stayAway(100)], { issuedAt: '2026-01-01T10:00:00-08:00' });
    const self = related('DV-130', [stayAway(50)], { issuedAt: '2026-03-01T10:00:00-08:00' }).snapshot;
    const { view } = pairPrecedence(0, self, [other], clerk, NOW);
    expect(view.enforcement!.terms).toEqual([expect.objectContaining({ dimension: 'stay-away', orderId: self.orderId, step: 'latest-civil' })]);
    expect(view.conflicts!.map((c) => c.kind)).toEqual(['stay-away-differs']);
    expect(view.relatedOrders).toEqual([expect.objectContaining({ orderId: other.snapshot.orderId, state: 'in-force', match: 'exact' })]);
  });

  it('withheld orders take no part in the view and are only counted', () => {
    const sealed = related('CR-160', [{ kind: 'no-contact' }], {}, { sealed: true });
    const self = related('DV-130', [{ kind: 'peaceful-contact-only' }]).snapshot;
    const { view, withheld } = pairPrecedence(0, self, [sealed], clerk, NOW);
    expect(view).toMatchObject({ relatedOrders: [], conflicts: [], withheldOrders: 1, enforcement: { inForce: [self.orderId] } });
    expect(withheld.map((w) => w.orderId)).toEqual([sealed.snapshot.orderId]);
  });

  it('lists an expired or canceled order with its state, and it plays no part', () => {
    const expired = related('CH-130', [stayAway(400)], { expiresAt: '2026-05-01T00:00:00-07:00' });
    const canceled = related('CR-160', [stayAway(400)], { status: 'canceled' });
    const self = related('DV-130', [stayAway(100)]).snapshot;
    const { view } = pairPrecedence(0, self, [expired, canceled], clerk, NOW);
    expect(view.relatedOrders.map((o) => o.state)).toEqual(['expired', 'canceled']);
    expect(view.conflicts).toEqual([]);
    expect(view.enforcement!.inForce).toEqual([self.orderId]);
  });
});

describe('the search indicator', () => {
  it('counts other orders in force once across pairs, and each conflict once', () => {
    const hit = related('DV-130', [stayAway(100), { kind: 'custody-visitation-carve-out' }]);
    const cpo = related('CR-160', [{ kind: 'peaceful-contact-only' }, stayAway(200)]);
    const expired = related('CH-130', [stayAway(10)], { expiresAt: '2026-01-01T00:00:00-08:00' });
    // Two protected persons, the same criminal order about both: one order, two conflicts.
    const indicator = conflictIndicator(hit.snapshot.orderId, [[hit, cpo, expired], [hit, cpo]], clerk, NOW);
    expect(indicator).toEqual({ otherOrdersInForce: 1, conflicts: 2, needsJudge: true });
  });

  it('a hit alone, or with orders the caller may not see, shows nothing', () => {
    const hit = related('DV-130', [stayAway(100)]);
    const sealed = related('CR-160', [stayAway(300)], {}, { sealed: true });
    expect(conflictIndicator(hit.snapshot.orderId, [[hit, sealed]], clerk, NOW)).toEqual({ otherOrdersInForce: 0, conflicts: 0, needsJudge: false });
    expect(conflictIndicator(hit.snapshot.orderId, [[hit, sealed]], supervisor, NOW)).toEqual({ otherOrdersInForce: 1, conflicts: 1, needsJudge: false });
  });
});

describe('a pair with more orders in force than one request computes (issue 12, finding 4)', () => {
  const many = (k: number) => Array.from({ length: k }, (_, i) => related('DV-130', [stayAway(100 + i)], {}, { ownerAgencyOri: LA }));

  it('up to the limit, the view and every conflict between two of them', () => {
    const others = many(MAX_ORDERS_IN_FORCE_PER_PAIR - 1);
    const self = related('DV-130', [stayAway(99)]).snapshot;
    const { view } = pairPrecedence(0, self, others, clerk, NOW);
    expect(view.tooManyRelatedOrders).toBeUndefined();
    expect(view.conflicts).toHaveLength((MAX_ORDERS_IN_FORCE_PER_PAIR * (MAX_ORDERS_IN_FORCE_PER_PAIR - 1)) / 2);
    expect(conflictIndicator(self.orderId, [[...others, { ...others[0]!, snapshot: self }]], clerk, NOW)).toMatchObject({ otherOrdersInForce: MAX_ORDERS_IN_FORCE_PER_PAIR - 1 });
  });

  it('past it, the list and the count with "too many related orders", neither view nor conflicts, work linear in the orders (the time is in the app-http related-orders benchmark)', () => {
    const others = many(2000);
    const self = related('DV-130', [stayAway(99)]).snapshot;
    const { view } = pairPrecedence(0, self, others, clerk, NOW);
    expect(view.relatedOrders).toHaveLength(2000);
    expect(view.enforcement).toBeUndefined();
    expect(view.conflicts).toBeUndefined();
    expect(view.tooManyRelatedOrders).toEqual({ orders: 2001, limit: MAX_ORDERS_IN_FORCE_PER_PAIR, message: expect.stringMatching(/^too many related orders: 2001, see the list/) });
    const indicator = conflictIndicator(others[0]!.snapshot.orderId, [others], clerk, NOW);
    expect(indicator).toEqual({ otherOrdersInForce: 1999, tooManyRelatedOrders: expect.objectContaining({ orders: 2000 }) });
  });

  it('orders the caller may not see do not count toward the limit', () => {
    const sealed = Array.from({ length: 100 }, () => related('CR-160', [stayAway(300)], {}, { sealed: true }));
    const self = related('DV-130', [stayAway(100)]).snapshot;
    const { view } = pairPrecedence(0, self, sealed, clerk, NOW);
    expect(view).toMatchObject({ withheldOrders: 100, conflicts: [] });
  });
});
