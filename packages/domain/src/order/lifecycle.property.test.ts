import fc from 'fast-check';
import { historyArb } from '@ccpor/test-kit';
import { lifecycleAfter, type Lifecycle } from './lifecycle';
import type { OrderEvent } from './events';
import { orderStatusAt } from './order-status';

/** Before any order the registry holds: nothing has expired, so the status is the stored lifecycle. */
const BEFORE_EXPIRY = '1900-01-01T00:00:00Z';

describe('an order’s lifecycle, event by event', () => {
  it('equals orderStatusAt over evolve for every history the decider accepts', () => {
    fc.assert(
      fc.property(historyArb({ maxSteps: 12 }), (h) => {
        const folded = h.events.reduce<Lifecycle>((s, e) => lifecycleAfter(s, e as OrderEvent), 'none');
        expect(folded).toBe(orderStatusAt(h.state, BEFORE_EXPIRY));
      }),
      { numRuns: 500 },
    );
  });
});
