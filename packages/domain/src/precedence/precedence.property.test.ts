import fc from 'fast-check';
import type { Provision } from '../order/provisions';
import { conflictsWithProposed, findConflicts } from './conflicts';
import { restrictiveness } from './dimensions';
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
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0).map((text): Provision => ({ kind: 'other', text })),
);

const FORMS = ['DV-130', 'CH-130', 'EA-130', 'WV-130', 'CR-160', 'CR-161', 'EPO-001', 'EPO-002', 'DV-110', 'GV-130'] as const;

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
        fc.array(orderArb().filter((o) => !o.form.startsWith('EPO')), { maxLength: 5 }).map((o) => ids(o)),
        orderArb().filter((o) => !o.form.startsWith('EPO')),
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
        const isEpo = (id: string) => os.find((o) => o.orderId === id)!.form.startsWith('EPO');
        // What officers would enforce if the emergency orders were not there.
        const base = computeEnforcement(os.filter((o) => !o.form.startsWith('EPO')), NOW);
        for (const term of computeEnforcement(os, NOW).terms) {
          const without = base.terms.find((t) => t.dimension === term.dimension);
          if (without === undefined) continue;
          if (term.step === 'no-conflict') {
            // Every order says the same: which one is cited does not matter, the term does.
            expect(term.provision).toEqual(without.provision);
          } else if (isEpo(term.orderId)) {
            expect(term.step).toBe('epo-more-restrictive');
            expect(restrictiveness(term.provision)).toBeGreaterThan(restrictiveness(without.provision));
          } else {
            // The EPO changed nothing an officer enforces on this aspect.
            expect(term.provision).toEqual(without.provision);
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
});
