import * as E from 'fp-ts/Either';
import { decodeWith, OrderDetails, type EventStore, type ExpectedVersion, type NewEvent, type OrderId, type Ori } from '@ccpor/domain';
import { sampleOrderInput } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { COURT, startHarness, type Client, type Harness } from '../__tests__/harness';

/**
 * Issue 14, finding 1: a command retried after a concurrent write must be authorized again
 * against the state it is now decided on. The store below lets another user's change land between
 * the clerk's read and the clerk's append, exactly once, as a concurrent request would.
 */
const ORDER = '6b1c7a52-8d4e-4b6a-9c1d-00000000a014' as OrderId;
const supervisor = { userId: 'sup-1', agencyOri: COURT, roles: ['supervisor'], kind: 'user' as const };

let h: Harness;
let clerk: Client;
/** Runs once before the next append to that order's stream (then clears itself). */
let beforeNextAppend: { orderId: OrderId; run: () => Promise<void> } | undefined;

const interleaving = (inner: InMemoryEventStore): EventStore =>
  new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'append') return Reflect.get(target, prop, receiver) as unknown;
      return async (streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) => {
        const pending = beforeNextAppend !== undefined && streamId.endsWith(beforeNextAppend.orderId) ? beforeNextAppend : undefined;
        if (pending !== undefined) {
          beforeNextAppend = undefined;
          await pending.run();
        }
        return target.append(streamId, events, expected);
      };
    },
  });

beforeAll(async () => {
  h = await startHarness({ store: interleaving(new InMemoryEventStore()) });
  clerk = await h.user('court-clerk');
  const details = decodeWith(OrderDetails)(sampleOrderInput());
  if (E.isLeft(details)) throw new Error('fixture');
  const added = await h.services.commands.handle({ type: 'AddOrder', orderId: ORDER, enteringAgencyOri: COURT as Ori, details: details.right, source: { kind: 'registry' } }, { actor: supervisor });
  if (E.isLeft(added)) throw new Error(JSON.stringify(added.left));
}, 60_000);
afterAll(() => h.close());

const concurrently = (orderId: OrderId, changes: Record<string, unknown>) => {
  beforeNextAppend = {
    orderId,
    run: async () => {
      const changed = await h.services.commands.handle({ type: 'ModifyOrder', orderId, changes }, { actor: supervisor });
      if (E.isLeft(changed)) throw new Error(JSON.stringify(changed.left));
    },
  };
};

const eventsOf = async (orderId: OrderId) => {
  const loaded = await h.services.commands.load(orderId);
  if (E.isLeft(loaded)) throw new Error('corrupt');
  return loaded.right;
};

describe('a command retried after a concurrent change', () => {
  it('is authorized again: a clerk whose cancel raced a supervisor sealing the order is refused, and nothing of theirs is recorded', async () => {
    concurrently(ORDER, { sealed: true });
    // A cancel is re-decided after a version conflict (it does not depend on what the clerk saw).
    const r = await clerk.agent.post(`/api/v1/orders/${ORDER}/cancellation`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'terminated-by-court' });
    // Sealed: the clerk may no longer see the order, so it is as if it did not exist.
    expect(r.status).toBe(404);
    const after = await eventsOf(ORDER);
    expect(after.events.map((e) => e.type)).toEqual(['OrderAdded', 'OrderModified']);
    expect(after.state.status === 'issued' && after.state.canceled).toBeFalsy();
  });

  it('is decided on the new state when the caller may still act: the clerk’s cancel lands after a supervisor’s concurrent change', async () => {
    const other = '6b1c7a52-8d4e-4b6a-9c1d-00000000b014' as OrderId;
    const details = decodeWith(OrderDetails)(sampleOrderInput());
    if (E.isLeft(details)) throw new Error('fixture');
    await h.services.commands.handle({ type: 'AddOrder', orderId: other, enteringAgencyOri: COURT as Ori, details: details.right, source: { kind: 'registry' } }, { actor: supervisor });
    concurrently(other, { terms: 'No contact by any means.' });
    const r = await clerk.agent.post(`/api/v1/orders/${other}/cancellation`).set('X-CSRF-Token', clerk.csrf).send({ reason: 'terminated-by-court' });
    expect(r.status).toBe(200);
    expect((await eventsOf(other)).events.map((e) => e.type)).toEqual(['OrderAdded', 'OrderModified', 'OrderCanceled']);
  });
});
