import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { historyArb, historyInputArb, runHistory, SAMPLE_ORDER_ID, sampleOrderDetails } from '@ccpor/test-kit';
import type { IsoDateTime } from '../value-objects/dates';
import type { OrderCommand } from './commands';
import { orderDecider } from './decide';
import { evolve, fold } from './evolve';
import type { OrderState } from './order-state';

/** A deep copy to compare against later, so a mutation of the original shows. */
const snapshot = (s: OrderState): OrderState => structuredClone(s);

describe('evolve accepts what decide produces', () => {
  it('folds every event decide emits without throwing, each one changing the state, and the next decision is made on that fold', () =>
    fc.assert(
      fc.property(historyInputArb(), (input) => {
        const h = runHistory(input);
        let state: OrderState = orderDecider.initialState;
        for (const d of h.decisions) {
          expect(d.before).toEqual(state);
          if (E.isLeft(d.result)) continue;
          for (const event of d.result.right) {
            const before = snapshot(state);
            const next = evolve(state, event);
            expect({ event: event.type, state: next }).not.toEqual({ event: event.type, state: before });
            expect(state).toEqual(before);
            state = next;
          }
        }
        expect(state).toEqual(h.state);
        expect(fold(h.events)).toEqual(h.state);
      }),
      { numRuns: 200 },
    ));

  it('moves an order only forward through none → draft → discarded, none/draft → issued', () =>
    fc.assert(
      fc.property(historyArb(), (h) => {
        const order = ['none', 'draft', 'issued'];
        const statuses = h.decisions.map((d) => d.before.status).concat(h.state.status);
        statuses.slice(1).forEach((s, i) => {
          const previous = statuses[i] ?? 'none';
          if (previous === 'discarded') expect(s).toBe('discarded');
          else if (s !== 'discarded') expect(order.indexOf(s)).toBeGreaterThanOrEqual(order.indexOf(previous));
          else expect(previous).toBe('draft');
        });
      }),
      { numRuns: 150 },
    ));

  it('is total: events of one order folded onto another order’s state never throw', () =>
    fc.assert(
      fc.property(historyArb({ maxSteps: 6 }), historyArb({ maxSteps: 6 }), (a, b) => {
        expect(() => fold(a.events, b.state)).not.toThrow();
      }),
      { numRuns: 100 },
    ));

  it('a modification that re-sends what the order says, keys in another order, changes nothing and is refused (found by the first property)', () => {
    const details = sampleOrderDetails();
    const id = SAMPLE_ORDER_ID as OrderCommand['orderId'];
    const added = orderDecider.decide({ type: 'AddOrder', orderId: id, at: '2026-03-02T11:00:00-08:00' as IsoDateTime, enteringAgencyOri: details.court.ori, details }, orderDecider.initialState);
    if (E.isLeft(added)) throw new Error(added.left.message);
    const reversed = Object.fromEntries(Object.entries(details.restrainedPerson).reverse()) as typeof details.restrainedPerson;
    const modify: OrderCommand = { type: 'ModifyOrder', orderId: id, at: '2026-03-03T09:00:00-08:00' as IsoDateTime, changes: { restrainedPerson: reversed } };
    expect(orderDecider.decide(modify, fold(added.right))).toEqual(E.left(expect.objectContaining({ code: 'NO_CHANGES' })));
  });
});
