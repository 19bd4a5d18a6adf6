import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { formatInstant, historyArb, offsetArb, type History } from '@ccpor/test-kit';
import type { IsoDateTime } from '../value-objects/dates';
import type { OrderCommand } from './commands';
import { orderDecider } from './decide';
import { computeOrderView, orderStatusAt } from './order-status';

const DAY = 86_400_000;

/** An instant near the order's end (exactly on it, a millisecond either side, or days away), written with any offset. */
const probeArb = fc.record({
  delta: fc.oneof(fc.constantFrom(0, -1, 1), fc.integer({ min: -3 * DAY, max: 3 * DAY })),
  offset: offsetArb,
});

const probeAt = (h: History, delta: number, offset: number): IsoDateTime => {
  const anchor = h.state.status === 'issued' && h.state.expiresAt !== null ? h.state.expiresAt : (h.decisions[h.decisions.length - 1]?.command.at ?? h.base.issuedAt);
  return formatInstant(Date.parse(anchor) + delta, offset, 'millis') as IsoDateTime;
};

describe("an order's status at an instant", () => {
  it('is expired exactly when the instant is at or after its end, canceled dominates, and served needs a service', () =>
    fc.assert(
      fc.property(historyArb({ weights: { cancel: 6, serve: 16 } }), probeArb, (h, { delta, offset }) => {
        const at = probeAt(h, delta, offset);
        const status = orderStatusAt(h.state, at);
        const view = computeOrderView(h.state, at);
        expect(view.status).toBe(status);
        expect(view.expired).toBe(status === 'expired');
        if (h.state.status !== 'issued') {
          expect(status).toBe(h.state.status);
          return;
        }
        const ended = h.state.expiresAt !== null && Date.parse(at) >= Date.parse(h.state.expiresAt);
        const expected = h.state.canceled ? 'canceled' : ended ? 'expired' : h.state.services.length > 0 ? 'served' : 'active';
        expect({ at, expiresAt: h.state.expiresAt, status }).toEqual({ at, expiresAt: h.state.expiresAt, status: expected });
      }),
      { numRuns: 250 },
    ));

  it('agrees with decide: an ended order can no longer be modified or canceled, and a canceled one says so first', () =>
    fc.assert(
      fc.property(historyArb({ start: ['add'], weights: { cancel: 6 } }), probeArb, (h, { delta, offset }) => {
        if (h.state.status !== 'issued') return;
        const at = probeAt(h, delta, offset);
        const head = { orderId: h.orderId as OrderCommand['orderId'], at };
        const commands: OrderCommand[] = [
          { type: 'ModifyOrder', ...head, changes: { terms: `changed at ${at}` } },
          { type: 'CancelOrder', ...head, reason: 'terminated-by-court' },
        ];
        const status = orderStatusAt(h.state, at);
        for (const command of commands) {
          const result = orderDecider.decide(command, h.state);
          const code = E.isLeft(result) ? result.left.code : 'accepted';
          if (status === 'canceled') expect(['ORDER_CANCELED', 'ORDER_ALREADY_CANCELED']).toContain(code);
          else if (status === 'expired') expect(code).toBe('ORDER_EXPIRED');
          else expect(code).not.toBe('ORDER_EXPIRED');
        }
      }),
      { numRuns: 200 },
    ));
});
