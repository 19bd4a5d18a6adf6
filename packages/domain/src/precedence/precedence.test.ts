import type { Provision } from '../order/provisions';
import { conflictsWithProposed, findConflicts } from './conflicts';
import { computeEnforcement } from './ladder';
import type { OrderSnapshot } from './order-snapshot';

let n = 0;
const order = (form: OrderSnapshot['form'], issuedAt: string, provisions: Provision[], extra: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  orderId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  form,
  caseNumber: `${form}-CASE`,
  courtName: 'Superior Court of California, County of Los Angeles',
  issuedAt,
  expiresAt: '2030-01-01T23:59:59-08:00',
  status: 'issued',
  provisions,
  ...extra,
});
const NOW = '2026-06-01T12:00:00-07:00';
const stayAway = (yards: number): Provision => ({ kind: 'stay-away', distanceYards: yards as never, places: ['person', 'home'] });
const termOn = (orders: OrderSnapshot[], d: string) => computeEnforcement(orders, NOW).terms.find((t) => t.dimension === d);

describe('enforcement: which order an officer enforces (Pen. Code 136.2(c)(1); Fam. Code 6383(h), 6405(b))', () => {
  it('step 1 — an EPO with a longer stay-away than the family-court order prevails on that term only', () => {
    const dv = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100), { kind: 'firearm-relinquishment', withinHours: 24 as never }]);
    // 48 hours: a firearm term as stored before the law's fixed term was enforced (still read).
    const epo = order('EPO-001', '2026-05-30T23:00:00-07:00', [stayAway(300), { kind: 'firearm-relinquishment', withinHours: 48 as never }], { expiresAt: '2026-06-04T17:00:00-07:00' });
    const stay = termOn([dv, epo], 'stay-away');
    expect(stay).toMatchObject({ orderId: epo.orderId, step: 'epo-more-restrictive', provision: stayAway(300) });
    // The EPO's 48 hours to relinquish are less strict than the DV order's 24: the DV term stands.
    expect(termOn([dv, epo], 'firearms')).toMatchObject({ orderId: dv.orderId, step: 'latest-civil' });
  });

  it('step 2 — a no-contact civil order beats a later peaceful-contact criminal order', () => {
    const ch = order('CH-130', '2025-11-01T10:00:00-07:00', [{ kind: 'no-contact' }]);
    const cpo = order('CR-160', '2026-02-01T10:00:00-08:00', [{ kind: 'peaceful-contact-only' }]);
    expect(termOn([ch, cpo], 'contact')).toMatchObject({ orderId: ch.orderId, step: 'no-contact-order', provision: { kind: 'no-contact' } });
  });

  it('step 3 — between two civil orders with different stay-aways, the later one is enforced', () => {
    const older = order('DV-130', '2025-03-01T10:00:00-08:00', [stayAway(150)]);
    const newer = order('CH-130', '2026-03-01T10:00:00-08:00', [stayAway(50)]);
    expect(termOn([newer, older], 'stay-away')).toMatchObject({ orderId: newer.orderId, step: 'latest-civil' });
  });

  it('step 4 — with civil and criminal orders, the latest criminal order is enforced even if a civil order is newer', () => {
    const cpo = order('CR-160', '2025-09-01T10:00:00-07:00', [stayAway(100)]);
    const dv = order('DV-130', '2026-04-01T10:00:00-07:00', [stayAway(50)]);
    const view = computeEnforcement([dv, cpo], NOW);
    expect(view.terms.find((t) => t.dimension === 'stay-away')).toMatchObject({ orderId: cpo.orderId, step: 'latest-criminal' });
    expect(view.terms[0]?.explanation).toContain('most recently issued criminal order');
  });

  it('[I] only criminal orders — two criminal courts set different stay-aways: the later one is shown, marked as outside the ladder', () => {
    const older = order('CR-161', '2025-05-01T10:00:00-07:00', [stayAway(300)]);
    const newer = order('CR-160', '2026-02-01T10:00:00-08:00', [stayAway(100)]);
    const stay = termOn([newer, older], 'stay-away');
    expect(stay).toMatchObject({ orderId: newer.orderId, step: 'latest-order', overrides: [{ orderId: older.orderId }] });
    expect(stay?.rule).toMatch(/^\[I\]/);
  });

  it('[I] only EPOs — two officers obtained emergency orders with different stay-aways: the more restrictive one is shown', () => {
    const wider = order('EPO-001', '2026-05-29T22:00:00-07:00', [stayAway(300)], { expiresAt: '2026-06-04T17:00:00-07:00' });
    const later = order('EPO-001', '2026-05-31T02:00:00-07:00', [stayAway(100)], { expiresAt: '2026-06-05T17:00:00-07:00' });
    const stay = termOn([later, wider], 'stay-away');
    expect(stay).toMatchObject({ orderId: wider.orderId, step: 'most-restrictive-epo', provision: stayAway(300) });
    expect(stay?.rule).toMatch(/^\[I\]/);
  });

  it('step 1 does not apply when the EPO is less restrictive — the family court’s no-contact order stands against an EPO allowing peaceful contact', () => {
    const dv = order('DV-130', '2026-01-10T10:00:00-08:00', [{ kind: 'no-contact' }]);
    const epo = order('EPO-001', '2026-05-30T23:00:00-07:00', [{ kind: 'peaceful-contact-only' }], { expiresAt: '2026-06-04T17:00:00-07:00' });
    expect(termOn([dv, epo], 'contact')).toMatchObject({ orderId: dv.orderId, step: 'no-contact-order', overrides: [{ orderId: epo.orderId }] });
  });

  it('terms on different aspects are all enforced: no conflict, nothing overridden — but the statute names one order, so the other order’s term is the registry’s reading, for a judge', () => {
    const a = order('DV-130', '2026-01-10T10:00:00-08:00', [{ kind: 'residence-exclusion' }]);
    const b = order('CR-160', '2026-02-10T10:00:00-08:00', [stayAway(100)]);
    const view = computeEnforcement([a, b], NOW);
    expect(view.terms.map((t) => [t.dimension, t.step, t.overrides.length, t.basis])).toEqual([
      ['stay-away', 'no-conflict', 0, 'statute'],
      ['residence', 'no-conflict', 0, 'registry-reading'],
    ]);
    expect(view.statutoryOrder).toMatchObject({ orderId: b.orderId, step: 'latest-criminal' });
    expect(view.combinedReading).toBe(true);
    expect(findConflicts([a, b], NOW)).toEqual([]);
  });

  it('an expired, canceled or not-yet-issued order plays no part', () => {
    const live = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100)]);
    const expired = order('EPO-001', '2026-01-01T10:00:00-08:00', [stayAway(500)], { expiresAt: '2026-01-06T17:00:00-08:00' });
    const canceled = order('CR-160', '2026-02-01T10:00:00-08:00', [stayAway(300)], { status: 'canceled' });
    const future = order('CR-160', '2026-07-01T10:00:00-07:00', [stayAway(300)]);
    expect(computeEnforcement([live, expired, canceled, future], NOW).inForce).toEqual([live.orderId]);
  });

  it('lists every judge’s free-text terms of the orders in force', () => {
    const a = order('DV-130', '2026-01-10T10:00:00-08:00', [{ kind: 'other', text: 'No posting about petitioner on social media.' }]);
    expect(computeEnforcement([a], NOW).otherTerms).toEqual([{ orderId: a.orderId, text: 'No posting about petitioner on social media.' }]);
  });
});

describe('conflicts a judge should see', () => {
  it('a peaceful-contact criminal order against a family-court visitation order is flagged for the judge (CRC 5.445)', () => {
    const cpo = order('CR-160', '2026-02-01T10:00:00-08:00', [{ kind: 'peaceful-contact-only' }]);
    const family = order('DV-130', '2026-03-01T10:00:00-08:00', [{ kind: 'custody-visitation-carve-out', description: 'Weekend visits with the children' }]);
    const [conflict] = findConflicts([cpo, family], NOW);
    expect(conflict).toMatchObject({ kind: 'criminal-order-vs-visitation', needsJudge: true, orderIds: [cpo.orderId, family.orderId] });
    expect(conflict?.rule).toContain('CRC 5.445');
  });

  it('stay-away distances that differ, with what the ladder enforces', () => {
    const a = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100)]);
    const b = order('CH-130', '2026-03-10T10:00:00-07:00', [stayAway(50)]);
    const [conflict] = findConflicts([a, b], NOW);
    expect(conflict).toMatchObject({ kind: 'stay-away-differs', needsJudge: false });
    expect(conflict?.explanation).toContain('most recently issued civil order');
    expect(conflict?.rule).toContain('where only civil orders exist for the same parties, the order issued last is enforced');
  });

  it('no-contact against peaceful contact', () => {
    const a = order('CH-130', '2026-01-10T10:00:00-08:00', [{ kind: 'no-contact' }]);
    const b = order('CR-160', '2026-03-10T10:00:00-07:00', [{ kind: 'peaceful-contact-only' }]);
    expect(findConflicts([a, b], NOW).map((c) => c.kind)).toEqual(['contact-terms-differ']);
  });

  it('an order about to be issued that contradicts one in force is reported before it is issued', () => {
    const cpo = order('CR-160', '2026-02-01T10:00:00-08:00', [{ kind: 'no-contact' }, stayAway(100)]);
    const proposed = order('DV-130', NOW, [{ kind: 'peaceful-contact-only' }, { kind: 'custody-visitation-carve-out' }, stayAway(100)], { status: 'draft' });
    const warnings = conflictsWithProposed(proposed, [cpo], NOW);
    expect(warnings.map((w) => [w.kind, w.dimension, w.needsJudge])).toEqual([
      ['proposed-contradicts-in-force', 'contact', false],
      ['proposed-contradicts-in-force', 'visitation', true],
    ]);
    expect(warnings[0]?.explanation).toContain('no-contact order');
  });

  it('two orders exclude the restrained person from different residences', () => {
    const a = order('DV-130', '2026-01-10T10:00:00-08:00', [{ kind: 'residence-exclusion', address: '12 Elm St, Pasadena' }]);
    const b = order('EA-130', '2026-03-10T10:00:00-07:00', [{ kind: 'residence-exclusion', address: '400 Oak Ave, Glendale' }]);
    const [conflict] = findConflicts([a, b], NOW);
    expect(conflict).toMatchObject({ kind: 'residence-terms-differ', dimension: 'residence', needsJudge: false, orderIds: [a.orderId, b.orderId] });
    expect(conflict?.rule).toContain('Pen. Code 136.2(c)(1); Fam. Code 6383(h); Fam. Code 6405(b)');
  });

  it('a firearm term stored before the law’s term was enforced (48 hours) beside a 24-hour order: the criminal order is enforced', () => {
    const dv = order('DV-130', '2026-04-10T10:00:00-07:00', [{ kind: 'firearm-relinquishment', withinHours: 48 as never }]);
    const cpo = order('CR-160', '2026-01-10T10:00:00-08:00', [{ kind: 'firearm-relinquishment' }]);
    const [conflict] = findConflicts([dv, cpo], NOW);
    expect(conflict).toMatchObject({ kind: 'firearm-terms-differ', dimension: 'firearms', needsJudge: false });
    expect(conflict?.explanation).toContain(`Enforce the firearms term of CR-160 in case ${cpo.caseNumber}`);
    expect(conflict?.rule).toContain('the criminal order issued last is enforced');
  });

  it('orders that agree raise no conflict', () => {
    const a = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100)]);
    const b = order('CR-160', '2026-03-10T10:00:00-07:00', [{ kind: 'stay-away', distanceYards: 100 as never, places: ['home', 'person'] }]);
    expect(findConflicts([a, b], NOW)).toEqual([]);
  });
});

describe('precedence as the statutes say it (docs/law/precedence.md)', () => {
  it('Pen. Code 136.2(c)(1) — a gun violence emergency order beside a DV order takes no EPO step: the DV order, issued last, is enforced', () => {
    const gvEpo = order('EPO-002', '2026-05-20T23:00:00-07:00', [stayAway(300)], { expiresAt: '2026-06-10T23:59:59-07:00' });
    const dv = order('DV-130', '2026-05-25T10:00:00-07:00', [stayAway(100)]);
    const stay = termOn([gvEpo, dv], 'stay-away');
    expect(stay).toMatchObject({ orderId: dv.orderId, step: 'latest-civil', basis: 'statute', overrides: [{ orderId: gvEpo.orderId }] });
    expect(stay?.rule).toContain('where only civil orders exist for the same parties, the order issued last is enforced');
    // An emergency protective order under Fam. Code 6250 et seq. in the same place would prevail.
    const epo = { ...gvEpo, form: 'EPO-001' as const };
    expect(termOn([epo, dv], 'stay-away')).toMatchObject({ orderId: epo.orderId, step: 'epo-more-restrictive' });
  });

  it('Pen. Code 136.2(c)(1) — a no-contact EPO beside a DV order’s visitation carve-out overrides the permission while it lasts, and the conflict is shown', () => {
    const dv = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100), { kind: 'custody-visitation-carve-out', description: 'Alternate weekends, exchange at the police station' }]);
    const epo = order('EPO-001', '2026-05-30T23:00:00-07:00', [{ kind: 'no-contact' }], { expiresAt: '2026-06-04T17:00:00-07:00' });
    const visitation = termOn([dv, epo], 'visitation');
    expect(visitation).toMatchObject({ orderId: epo.orderId, step: 'epo-more-restrictive', provision: { kind: 'no-contact' }, basis: 'statute', overrides: [{ orderId: dv.orderId }] });
    expect(visitation?.explanation).toContain('overrides the custody or visitation permission');
    expect(findConflicts([dv, epo], NOW)).toContainEqual(expect.objectContaining({ kind: 'epo-overrides-visitation', dimension: 'visitation', orderIds: [epo.orderId, dv.orderId], needsJudge: false }));
    // Once the EPO has ended, the carve-out applies again.
    expect(termOn([dv, { ...epo, expiresAt: '2026-05-31T17:00:00-07:00' }], 'visitation')).toMatchObject({ orderId: dv.orderId, provision: { kind: 'custody-visitation-carve-out' } });
  });

  it('a no-contact order whose stay-away is weaker than another order’s is flagged for a judge, not decided silently', () => {
    const ch = order('CH-130', '2026-01-10T10:00:00-08:00', [{ kind: 'no-contact' }, stayAway(50)]);
    const dv = order('DV-130', '2026-03-10T10:00:00-07:00', [stayAway(100)]);
    expect(findConflicts([ch, dv], NOW)).toContainEqual(
      expect.objectContaining({ kind: 'no-contact-order-weaker-term', dimension: 'stay-away', orderIds: [ch.orderId, dv.orderId], needsJudge: true }),
    );
  });

  it('equal terms are not conflicts: the same stay-away on a CH-130 and a DV-130, stored with keys and places in another order', () => {
    const ch = order('CH-130', '2026-01-10T10:00:00-08:00', [{ kind: 'stay-away', distanceYards: 100 as never, places: ['person', 'home', 'workplace'] }]);
    const dv = order('DV-130', '2026-03-10T10:00:00-07:00', [JSON.parse('{"kind":"stay-away","places":["workplace","person","home","home"],"distanceYards":100}') as Provision]);
    const epo = order('EPO-001', '2026-05-30T23:00:00-07:00', [JSON.parse('{"places":["home","workplace","person"],"kind":"stay-away","otherPlaces":"","distanceYards":100}') as Provision], { expiresAt: '2026-06-04T17:00:00-07:00' });
    expect(findConflicts([ch, dv], NOW)).toEqual([]);
    expect(findConflicts([epo, dv], NOW)).toEqual([]);
    expect(termOn([ch, dv, epo], 'stay-away')).toMatchObject({ step: 'no-conflict', overrides: [] });
  });

  it('Fam. Code 6457 is cited only when a Canadian order is involved', () => {
    const dv = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100)]);
    const ch = order('CH-130', '2026-03-10T10:00:00-07:00', [stayAway(50)]);
    expect(termOn([dv, ch], 'stay-away')?.rule).not.toContain('6457');
    const canadian = order('CANADIAN-DVPO', '2026-03-10T10:00:00-07:00', [stayAway(50)]);
    expect(termOn([dv, canadian], 'stay-away')?.rule).toContain('Fam. Code 6457 states the same order of enforcement for Canadian orders');
  });

  it('Fam. Code 6383(e) — the enforcement view lists the orders in force that were never served, with the officer’s notice', () => {
    const served = order('DV-130', '2026-01-10T10:00:00-08:00', [stayAway(100)], { served: true });
    const unserved = order('CR-160', '2026-03-10T10:00:00-07:00', [{ kind: 'no-contact' }], { served: false });
    expect(computeEnforcement([served, unserved], NOW).notServed).toEqual([
      { orderId: unserved.orderId, notice: 'Not served: tell the restrained person the terms, then enforce.', rule: expect.stringContaining('Fam. Code 6383(e)') },
    ]);
  });
});
