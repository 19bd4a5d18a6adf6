import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { FixedClock, historyArb, SequentialIds } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { fold } from '../order/evolve';
import type { Actor } from '../ports/event-store';
import { orderStreamId } from '../value-objects/order-id';
import { createCommandHandler, type CommandInput } from './handle-command';

const clerk: Actor = { userId: 'u-clerk', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' };

describe('the stored order is the fold of its events', () => {
  it('replaying a history through the command handler and the in-memory store gives the same decisions, events and state', () =>
    fc.assert(
      fc.asyncProperty(historyArb(), async (h) => {
        const store = new InMemoryEventStore();
        const clock = new FixedClock(h.decisions[0]?.command.at ?? '2026-01-01T00:00:00Z');
        const handler = createCommandHandler({ eventStore: store, clock, ids: new SequentialIds() });
        for (const d of h.decisions) {
          // The handler stamps `at` from its clock; the caller never sends it.
          const { at, ...input } = d.command;
          clock.set(at);
          const loaded = await handler.load(h.orderId);
          expect(E.isRight(loaded) && loaded.right.state).toEqual(d.before);
          const result = await handler.handle(input as CommandInput, { actor: clerk });
          if (E.isRight(d.result)) {
            expect(E.isRight(result) && result.right.events).toEqual(d.result.right);
          } else {
            expect(E.isLeft(result) && result.left).toEqual({ kind: 'domain', error: d.result.left });
          }
        }
        const loaded = await handler.load(h.orderId);
        if (E.isLeft(loaded)) throw new Error(`the stored stream does not load: ${loaded.left.message}`);
        expect(loaded.right.version).toBe(h.events.length);
        expect(loaded.right.state).toEqual(fold(h.events));
        expect(loaded.right.state).toEqual(h.state);
        const stored = await store.readStream(orderStreamId(h.orderId));
        expect(stored.map(({ type, schemaVersion, data }) => ({ type, schemaVersion, data }))).toEqual(h.events);
      }),
      { numRuns: 80 },
    ));
});
