import fc from 'fast-check';
import type { Provision } from '../order/provisions';
import { conflictsWithProposed, findConflicts } from './conflicts';
import { dimensionOf, restrictiveness, sameProvision } from './dimensions';
import { computeEnforcement } from './ladder';
import type { OrderSnapshot } from './order-snapshot';

const NOW = '2026-06-01T19:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;

const provisionArb: fc.Arbitrary<Provision> = fc.oneof(
  fc.constant<Provision>({ kind: 'no-contact' }),
  fc.constant<Provision>({ kind: 'peaceful-contact-only' }),
  fc.constant<Provision>({ kind: 'personal-conduct' }),
  fc.constant<Provision>({ kind: 'residence-exclusion' }),
  fc.constant<Provision>({ kind: 'custody-visitation-carve-out' }),
  fc.record({ kind: fc.constant('stay-away' as const), distanceYards: fc.constantFrom(50, 100, 150, 300), places: fc.subarray(['person', 'home', 'workplace', 'school'] as const, { minLength: 1 }) }).map((p) => ({ ...p, places: [...p.places] }) as Provision),
  fc.record({ kind: fc.constant('firearm-relinquishment' as const), withinHours: fc.constantFrom(0, 24, 48) }) as fc.Arbitrary<Provision>,
  fc.constant<Provision>({ kind: 'firearm-relinquishment' }),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0).map((text): Provision => ({ kind: 'other', text })),
);

const FORMS = ['DV-130', 'CH-130', 'EA-130', 'WV-130', 'CR-160', 'CR-161', 'EPO-001', 'EPO-002', 'DV-110', 'GV-130', 'CANADIAN-DVPO'] as const;

const orderArb = (status: fc.Arbitrary<OrderSnapshot['status']> = fc.constant('issued')): fc.Arbitrary<OrderSnapshot> =>
  fc.record({
    orderId: fc.uuid({ version: 4 }),
    form: fc.constantFrom(...FORMS),
    caseNumber: fc.constantFrom('26FL1', '26CR2', '25CH3'),
    courtName: fc.constant('Superior Court'),
    issuedAt: fc.integer({ min: -800, max: 0 }).map((d) => new Date(NOW_MS + d * DAY).toISOString()),
    expiresAt: fc.option(fc.integer({ min: 1, max: 2000 }).map((d) => new Date(NOW_MS + d * DAY).toISOString()), { nil: null }),
    status,
    provisions: fc.array(provisionArb, { maxLength: 5 }),
    served: fc.boolean(),
  });

/** An order that cannot be in force now: expired, canceled, a draft or discarded. */
const inactiveArb: fc.Arbitrary<OrderSnapshot> = fc.oneof(
  orderArb(fc.constantFrom('canceled', 'draft', 'discarded')),
  orderArb().map((o) => ({ ...o, expiresAt: new Date(NOW_MS - DAY).toISOString() })),
);

/** Gives orders distinct ids (a shrunk uuid arbitrary repeats them): an id is one order. */
const ids = (os: OrderSnapshot[], from = 0): OrderSnapshot[] =>
  os.map((o, i) => ({ ...o, orderId: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}` }));
const orders = fc.array(orderArb(), { maxLength: 6 }).map((os) => ids(os));
const shuffled = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });

describe('precedence properties', () => {
  it('the result does not depend on input order', () =>
    fc.assert(
      fc.property(orders.chain((os) => fc.tuple(fc.constant(os), shuffled(os))), ([a, b]) => {
        expect(computeEnforcement(b, NOW)).toEqual(computeEnforcement(a, NOW));
        expect(findConflicts(b, NOW)).toEqual(findConflicts(a, NOW));
      }),
      { numRuns: 300 },
    ));

  it('expired, canceled or discarded orders never change it', () =>
    fc.assert(
      fc.property(orders, fc.array(inactiveArb, { minLength: 1, maxLength: 4 }).map((d) => ids(d, 100)), (live, dead) => {
        expect(computeEnforcement([...live, ...dead], NOW)).toEqual(computeEnforcement(live, NOW));
        expect(findConflicts([...live, ...dead], NOW)).toEqual(findConflicts(live, NOW));
      }),
      { numRuns: 300 },
    ));

  it('with no EPO in force, adding a no-contact order always yields no contact', () =>
    fc.assert(
      fc.property(
        fc.array(orderArb().filter((o) => o.form !== 'EPO-001'), { maxLength: 5 }).map((o) => ids(o)),
        orderArb().filter((o) => o.form !== 'EPO-001'),
        (others, extra) => {
          const noContact = { ...extra, orderId: '00000000-0000-4000-8000-000000000999', provisions: [...extra.provisions, { kind: 'no-contact' } as Provision] };
          const contact = computeEnforcement([...others, noContact], NOW).terms.find((t) => t.dimension === 'contact');
          expect(contact?.provision).toEqual({ kind: 'no-contact' });
        },
      ),
      { numRuns: 300 },
    ));

  it('an EPO wins only on provisions where it is more restrictive', () =>
    fc.assert(
      fc.property(orders, (os) => {
        // Only an emergency protective order under Fam. Code 6250 et seq. takes the first step (Pen. Code 136.2(c)(1)).
        const isEpo = (id: string) => os.find((o) => o.orderId === id)!.form === 'EPO-001';
        // What officers would enforce if the emergency orders were not there.
        const base = computeEnforcement(os.filter((o) => o.form !== 'EPO-001'), NOW);
        for (const term of computeEnforcement(os, NOW).terms) {
          const without = base.terms.find((t) => t.dimension === term.dimension);
          if (without === undefined) continue;
          if (term.step === 'no-conflict') {
            // Every order says the same: which one is cited does not matter, the term does.
            expect(sameProvision(term.provision, without.provision)).toBe(true);
          } else if (isEpo(term.orderId)) {
            expect(term.step).toBe('epo-more-restrictive');
            expect(restrictiveness(term.provision)).toBeGreaterThan(restrictiveness(without.provision));
          } else {
            // The EPO changed nothing an officer enforces on this aspect.
            expect(sameProvision(term.provision, without.provision)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    ));

  it('duplicates change nothing', () =>
    fc.assert(
      fc.property(orders, (os) => {
        expect(computeEnforcement([...os, ...os], NOW)).toEqual(computeEnforcement(os, NOW));
        expect(findConflicts([...os, ...os], NOW)).toEqual(findConflicts(os, NOW));
      }),
      { numRuns: 200 },
    ));

  it('warnings for a proposed order do not depend on input order, inactive orders or duplicates', () =>
    fc.assert(
      fc.property(
        orders.chain((os) => fc.tuple(fc.constant(os), shuffled(os))),
        fc.array(inactiveArb, { maxLength: 3 }).map((d) => ids(d, 100)),
        orderArb(fc.constant('draft')).map((o) => ({ ...o, orderId: '00000000-0000-4000-8000-000000000777' })),
        ([a, b], dead, proposed) => {
          const expected = conflictsWithProposed(proposed, a, NOW);
          expect(conflictsWithProposed(proposed, [...b, ...dead], NOW)).toEqual(expected);
          expect(conflictsWithProposed(proposed, [...a, ...a], NOW)).toEqual(expected);
          for (const w of expected) expect(w.kind).toBe('proposed-contradicts-in-force');
        },
      ),
      { numRuns: 300 },
    ));

  it('every governing term comes from an order in force and names its rule', () =>
    fc.assert(
      fc.property(orders, (os) => {
        const view = computeEnforcement(os, NOW);
        for (const t of view.terms) {
          expect(view.inForce).toContain(t.orderId);
          expect(t.rule.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 200 },
    ));

  it('adding an order never removes a conflict that exists without it', () =>
    fc.assert(
      fc.property(orders, orderArb().map((o) => ({ ...o, orderId: '00000000-0000-4000-8000-000000000555' })), (os, extra) => {
        const key = (c: { kind: string; dimension: string; orderIds: readonly string[] }) => `${c.kind}|${c.dimension}|${c.orderIds.join(',')}`;
        const after = new Set(findConflicts([...os, extra], NOW).map(key));
        for (const c of findConflicts(os, NOW)) expect(after).toContain(key(c));
      }),
      { numRuns: 500 },
    ));

  it('a provision never conflicts with a stored-and-read-back copy of itself', () =>
    fc.assert(
      fc.property(
        fc.oneof(storedProvisionArb, provisionArb),
        fc.constantFrom(...FORMS),
        fc.constantFrom(...FORMS),
        fc.infiniteStream(fc.nat()),
        (p, formA, formB, noise) => {
          const copy = storedCopy(p, noise);
          expect(sameProvision(p, copy)).toBe(true);
          const a: OrderSnapshot = { orderId: '00000000-0000-4000-8000-000000000001', form: formA, caseNumber: 'A', courtName: 'c', issuedAt: '2026-01-01T10:00:00.000Z', expiresAt: null, status: 'issued', provisions: [p] };
          const b: OrderSnapshot = { ...a, orderId: '00000000-0000-4000-8000-000000000002', form: formB, caseNumber: 'B', issuedAt: '2026-02-01T10:00:00.000Z', provisions: [copy] };
          const dimension = dimensionOf(p);
          expect(findConflicts([a, b], NOW).filter((c) => c.dimension === dimension && c.kind.endsWith('differ'))).toEqual([]);
          expect(findConflicts([a, b], NOW).filter((c) => c.kind === 'stay-away-differs' || c.kind === 'residence-terms-differ' || c.kind === 'firearm-terms-differ' || c.kind === 'contact-terms-differ')).toEqual([]);
        },
      ),
      { numRuns: 500 },
    ));
});

/** Provisions with every optional field and free text, as entered. */
const storedProvisionArb: fc.Arbitrary<Provision> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('stay-away' as const),
      distanceYards: fc.integer({ min: 1, max: 2000 }),
      places: fc.subarray(['person', 'home', 'workplace', 'school', 'vehicle', 'childrens-school', 'childcare', 'other'] as const),
      otherPlaces: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['kind', 'distanceYards', 'places'] },
  ).map((p) => ({ ...p, places: [...p.places] }) as Provision),
  fc.record({ kind: fc.constant('residence-exclusion' as const), address: fc.string({ maxLength: 30 }) }, { requiredKeys: ['kind'] }) as fc.Arbitrary<Provision>,
  fc.record({ kind: fc.constant('custody-visitation-carve-out' as const), description: fc.string({ maxLength: 20 }), familyCourtCaseNumber: fc.string({ maxLength: 10 }) }, { requiredKeys: ['kind'] }) as fc.Arbitrary<Provision>,
  fc.oneof(fc.constant({ kind: 'firearm-relinquishment' as const }), fc.constant({ kind: 'firearm-relinquishment' as const, withinHours: 24 })) as fc.Arbitrary<Provision>,
);

/**
 * What storage and reading back can do to a provision without changing what it says: object keys
 * in another order (PostgreSQL's jsonb orders them by length, then by name), absent fields where
 * `undefined` was, stay-away places in another order or repeated, a firearm term's hours written
 * out as the law's 24 or left out.
 */
const storedCopy = (p: Provision, noise: IterableIterator<number>): Provision => {
  const next = () => noise.next().value as number;
  let copy: Record<string, unknown> = JSON.parse(JSON.stringify(p));
  if (copy.kind === 'stay-away') {
    const places = [...(copy.places as string[])];
    if (places.length > 0 && next() % 2 === 0) places.push(places[next() % places.length]!);
    copy.places = places.sort(() => (next() % 2 === 0 ? -1 : 1));
  }
  if (copy.kind === 'firearm-relinquishment' && (copy.withinHours === undefined || copy.withinHours === 24)) {
    copy = next() % 2 === 0 ? { kind: copy.kind } : { kind: copy.kind, withinHours: 24 };
  }
  const keys = Object.keys(copy).sort((x, y) => x.length - y.length || (x < y ? -1 : 1));
  return Object.fromEntries((next() % 2 === 0 ? keys : keys.reverse()).map((k) => [k, copy[k]])) as Provision;
};
