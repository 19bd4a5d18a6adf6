import * as E from 'fp-ts/Either';
import { authorizeOrder, createCommandHandler, type Actor, type EventStore, type OrderId, type OrderPrecedence, type Ori, type PartyConflicts, type Principal, type Withheld } from '@ccpor/domain';
import { InMemoryEventStore } from '@ccpor/adapters';
import pino from 'pino';
import { FixedClock, LA_SUPERIOR_COURT, SAMPLE_ORDER_ID, SequentialIds, sampleOrderDetails } from '@ccpor/test-kit';
import type { OrderAccess } from './order-access';
import { readOrder } from './read-order';
import { readOrderHistory } from './read-order-history';

/**
 * The order read as the command line would call it: the order loaded once, the caller authorized
 * on it (each decision through the access port), the view redacted, the orders about its people
 * withheld from the caller recorded, and unreachable search views leaving the precedence unchecked.
 */
const ORDER = SAMPLE_ORDER_ID as OrderId;
const clerk: Principal = { userId: 'u-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], cletsCertified: false, kind: 'user' };
const supervisor: Actor = { userId: 'u-sup', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['supervisor'], kind: 'user' };
const WITHHELD: Withheld = { orderId: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10', code: 'SEALED_ORDER', rule: 'sealed orders: supervisors only' };

const setup = async (opts: { sealed?: boolean; viewsDown?: boolean } = {}) => {
  const store = new InMemoryEventStore();
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'readStream')
        return (...args: Parameters<EventStore['readStream']>) => {
          reads += 1;
          return target.readStream(...args);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const commands = createCommandHandler({ eventStore: counted, clock: new FixedClock('2026-03-05T20:00:00.000Z'), ids: new SequentialIds() });
  const added = await commands.handle({ type: 'AddOrder', orderId: ORDER, enteringAgencyOri: LA_SUPERIOR_COURT.ori as Ori, details: sampleOrderDetails(), source: { kind: 'registry' } }, { actor: supervisor });
  if (E.isLeft(added)) throw new Error(JSON.stringify(added.left));
  if (opts.sealed === true) await commands.handle({ type: 'ModifyOrder', orderId: ORDER, changes: { sealed: true } }, { actor: supervisor });
  const asked: string[] = [];
  const withheld: Withheld[] = [];
  const access: OrderAccess<string> = {
    order: (action, facts) => {
      asked.push(action);
      const d = authorizeOrder(clerk, action, facts);
      return d.allowed ? E.right(undefined) : E.left(d.code);
    },
    imageReference: () => E.left('not asked of a read'),
    withheld: (w) => void withheld.push(w),
  };
  // The use case passes the precedence through as the party index computed it; its content is the conflicts' own tests' matter.
  const precedence = { persons: [] } as unknown as OrderPrecedence;
  let conflictReads = 0;
  const partyConflicts: Pick<PartyConflicts, 'forOrder'> = {
    forOrder: async () => {
      conflictReads += 1;
      if (opts.viewsDown === true) throw new Error('views unreachable');
      return { precedence, withheld: [WITHHELD] };
    },
  };
  const deps = { commands, access, clock: new FixedClock('2026-03-05T20:00:01.000Z'), partyConflicts, logger: pino({ level: 'silent' }) };
  const before = reads;
  return { deps, asked, withheld, precedence, reads: () => reads - before, conflictReads: () => conflictReads };
};

const request = { principal: clerk, orderId: ORDER };

describe('readOrder and readOrderHistory, the use cases without HTTP', () => {
  it('reads the order once, authorized, with its precedence, and records the orders withheld from the caller', async () => {
    const t = await setup();
    const r = await readOrder(t.deps, request);
    expect(E.isRight(r) && r.right).toMatchObject({ version: 1, precedence: { checked: true, value: t.precedence }, view: { orderId: ORDER, version: 1 } });
    expect(E.isRight(r) && r.right.view.computed).toBeDefined();
    expect(t.reads()).toBe(1);
    expect(t.asked).toEqual(['order.read']);
    expect(t.withheld).toEqual([WITHHELD]);
  });

  it('answers with the order and the precedence unchecked when the search views cannot be read', async () => {
    const t = await setup({ viewsDown: true });
    const r = await readOrder(t.deps, request);
    expect(E.isRight(r) && r.right.precedence).toEqual({ checked: false });
    expect(t.withheld).toEqual([]);
  });

  it('returns the refusal as a value and reads nothing about the order’s people for a caller refused', async () => {
    const t = await setup({ sealed: true });
    expect(await readOrder(t.deps, request)).toEqual(E.left({ kind: 'refused', reason: 'SEALED_ORDER' }));
    expect(t.conflictReads()).toBe(0);
    expect(await readOrderHistory(t.deps, request)).toEqual(E.left({ kind: 'refused', reason: 'SEALED_ORDER' }));
    expect(t.asked).toEqual(['order.read', 'order.history']);
  });

  it('answers an order that does not exist as not found without asking the policy', async () => {
    const t = await setup();
    const absent = { ...request, orderId: WITHHELD.orderId as OrderId };
    expect(await readOrder(t.deps, absent)).toEqual(E.left({ kind: 'order-not-found' }));
    expect(await readOrderHistory(t.deps, absent)).toEqual(E.left({ kind: 'order-not-found' }));
    expect(t.asked).toEqual([]);
  });

  it('gives the history with every event, authorized as order.history', async () => {
    const t = await setup();
    const r = await readOrderHistory(t.deps, request);
    expect(E.isRight(r) && r.right.view.events.map((e) => e.type)).toEqual(['OrderAdded']);
    expect(t.asked).toEqual(['order.history']);
  });
});
