import * as E from 'fp-ts/Either';
import {
  authorizeOrder,
  createCommandHandler,
  type Actor,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type OrderFacts,
  type OrderId,
  type Ori,
  type Principal,
} from '@ccpor/domain';
import { InMemoryEventStore } from '@ccpor/adapters';
import { FixedClock, LA_SUPERIOR_COURT, SAMPLE_ORDER_ID, SequentialIds, sampleOrderDetails } from '@ccpor/test-kit';
import { cancelOrder } from './cancel-order';
import type { OrderAccess } from './order-access';

/**
 * The cancel use case called as the command line would: no express, a decoded request, its narrow
 * dependencies, and an access port that asks the domain policy. What it shows: the refusal is a
 * value and nothing is written; the order is read once per attempt; a retry after a concurrent
 * write is authorized again on the state it is decided on (ADR 0080, 0081).
 */
const ORDER = SAMPLE_ORDER_ID as OrderId;
const clerk: Principal = { userId: 'u-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], cletsCertified: false, kind: 'user' };
const supervisor: Actor = { userId: 'u-sup', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['supervisor'], kind: 'user' };

const setup = async () => {
  const inner = new InMemoryEventStore();
  let reads = 0;
  let beforeNextAppend: (() => Promise<void>) | undefined;
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'readStream')
        return (...args: Parameters<EventStore['readStream']>) => {
          reads += 1;
          return target.readStream(...args);
        };
      if (prop === 'append')
        return async (streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) => {
          const run = beforeNextAppend;
          beforeNextAppend = undefined;
          await run?.();
          return target.append(streamId, events, expected);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const commands = createCommandHandler({ eventStore: store, clock: new FixedClock('2026-03-05T20:00:00.000Z'), ids: new SequentialIds() });
  const added = await commands.handle({ type: 'AddOrder', orderId: ORDER, enteringAgencyOri: LA_SUPERIOR_COURT.ori as Ori, details: sampleOrderDetails(), source: { kind: 'registry' } }, { actor: supervisor });
  if (E.isLeft(added)) throw new Error(JSON.stringify(added.left));
  const asked: OrderFacts[] = [];
  let wakes = 0;
  const access: OrderAccess<string> = {
    order: (action, facts) => {
      asked.push(facts);
      const d = authorizeOrder(clerk, action, facts);
      return d.allowed ? E.right(undefined) : E.left(d.code);
    },
    imageReference: () => E.left('not asked of a cancel'),
    withheld: () => undefined,
  };
  const deps = { commands, access, clock: new FixedClock('2026-03-05T20:00:01.000Z'), carpos: { wake: () => void (wakes += 1) }, search: { waitFor: () => Promise.resolve(true) } };
  const concurrently = (changes: Record<string, unknown>) => {
    beforeNextAppend = async () => {
      const changed = await commands.handle({ type: 'ModifyOrder', orderId: ORDER, changes }, { actor: supervisor });
      if (E.isLeft(changed)) throw new Error(JSON.stringify(changed.left));
    };
  };
  return { deps, asked, concurrently, reads: () => reads, wakes: () => wakes, events: async () => (await inner.readStream(`order-${ORDER}`)).map((e) => e.type) };
};

const request = { principal: clerk, orderId: ORDER, input: { reason: 'terminated-by-court' as const }, correlationId: 'req-1' };

describe('cancelOrder, the use case without HTTP', () => {
  it('cancels in one read of the stream, wakes the gateway and answers with version, position and the search wait', async () => {
    const t = await setup();
    const before = t.reads();
    const r = await cancelOrder(t.deps, { ...request, waitMs: 100 });
    expect(E.isRight(r) && r.right).toMatchObject({ orderId: ORDER, version: 2, searchCaughtUp: true, at: '2026-03-05T20:00:01.000Z' });
    expect(E.isRight(r) && r.right.position).toBeDefined();
    expect(t.reads() - before).toBe(1);
    expect(t.wakes()).toBe(1);
    expect(await t.events()).toEqual(['OrderAdded', 'OrderCanceled']);
  });

  it('asks the policy again on the retry after a concurrent sealing, and returns its refusal as a value with nothing written', async () => {
    const t = await setup();
    t.concurrently({ sealed: true });
    const r = await cancelOrder(t.deps, request);
    expect(E.isLeft(r) && r.left).toEqual({ kind: 'refused', reason: 'SEALED_ORDER' });
    expect(t.asked.map((f) => f.sealed)).toEqual([false, true]);
    expect(t.wakes()).toBe(0);
    expect(await t.events()).toEqual(['OrderAdded', 'OrderModified']);
  });

  it('answers an order that does not exist as not found without asking the policy', async () => {
    const t = await setup();
    const r = await cancelOrder(t.deps, { ...request, orderId: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10' as OrderId });
    expect(E.isLeft(r) && r.left).toEqual({ kind: 'order-not-found' });
    expect(t.asked).toEqual([]);
  });

  it('refuses before it compares the expected version, so a refused caller learns nothing of the version', async () => {
    const t = await setup();
    const sealed = await t.deps.commands.handle({ type: 'ModifyOrder', orderId: ORDER, changes: { sealed: true } }, { actor: supervisor });
    expect(E.isRight(sealed)).toBe(true);
    // Version 1 is stale (the order is at 2): a caller who may act would get a conflict.
    const r = await cancelOrder(t.deps, { ...request, expectedVersion: 1 });
    expect(E.isLeft(r) && r.left).toEqual({ kind: 'refused', reason: 'SEALED_ORDER' });
  });
});
