import * as E from 'fp-ts/Either';
import { FixedClock, LA_SHERIFF_ORI, LA_SUPERIOR_COURT, SAMPLE_ORDER_ID, SequentialIds, sampleOrderDetails } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { expectExact, type Actor, type EventStore } from '../ports/event-store';
import { orderStreamId } from '../value-objects/order-id';
import { createCommandHandler, type CommandInput } from './handle-command';

const clerk: Actor = { userId: 'u-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], kind: 'user' };
const add: CommandInput = { type: 'AddOrder', orderId: SAMPLE_ORDER_ID as never, enteringAgencyOri: LA_SUPERIOR_COURT.ori as never, details: sampleOrderDetails() };
const serve = (serviceId: string): CommandInput => ({
  type: 'RecordService',
  orderId: SAMPLE_ORDER_ID as never,
  service: { serviceId, servedAt: '2026-03-04T15:20:00-08:00' as never, method: 'personal', servedBy: { name: 'Deputy Osei' }, servingAgencyOri: LA_SHERIFF_ORI as never },
});

const setup = (store: EventStore = new InMemoryEventStore()) => {
  const clock = new FixedClock('2026-03-05T20:00:00.000Z');
  return { store, clock, handler: createCommandHandler({ eventStore: store, clock, ids: new SequentialIds() }) };
};

describe('the command handler: load, decide, append through the ports', () => {
  it('appends the decided events with the actor, time and a hash chain, and returns version and position', async () => {
    const { store, handler } = setup();
    const result = await handler.handle(add, { actor: clerk, correlationId: 'corr-1' });
    expect(E.isRight(result) && result.right.version).toBe(1);
    const [stored] = await store.readStream(orderStreamId(SAMPLE_ORDER_ID));
    expect(stored?.type).toBe('OrderAdded');
    expect(stored?.metadata).toMatchObject({ actor: clerk, correlationId: 'corr-1', recordedAt: '2026-03-05T20:00:00.000Z' });
    expect(stored?.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(E.isRight(result) && result.right.position).toBe(stored?.globalPosition);
  });

  it('stamps the command with the clock, never with a caller-supplied time', async () => {
    const { handler, clock } = setup();
    clock.set('2026-03-02T18:00:00.000Z'); // 10:00 Pacific: before the 10:15 issue time
    const result = await handler.handle(add, { actor: clerk });
    expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'domain', error: { code: 'ISSUED_IN_FUTURE' } });
  });

  it('returns rule failures as values and writes nothing', async () => {
    const { store, handler } = setup();
    const result = await handler.handle(serve('pos-1'), { actor: clerk });
    expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'domain', error: { code: 'ORDER_NOT_FOUND' } });
    expect(await store.readAll({ maxCount: 10 })).toEqual([]);
  });

  it('refuses a write based on a stale version (If-Match) without retrying', async () => {
    const { handler } = setup();
    await handler.handle(add, { actor: clerk });
    await handler.handle(serve('pos-1'), { actor: clerk });
    const stale = await handler.handle(
      { type: 'ModifyOrder', orderId: SAMPLE_ORDER_ID as never, changes: { terms: 'new terms' } },
      { actor: clerk, expectedVersion: 1 },
    );
    expect(E.isLeft(stale) && stale.left).toEqual({ kind: 'conflict', expectedVersion: 1, actualVersion: 2 });
  });

  it('does not re-decide a modification after a concurrent write: the caller must look again', async () => {
    const inner = new InMemoryEventStore();
    await setup(inner).handler.handle(add, { actor: clerk });
    let raced = false;
    const store = Object.assign(Object.create(inner) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        if (!raced) {
          raced = true;
          await setup(inner).handler.handle(serve('pos-1'), { actor: clerk });
        }
        return inner.append(...args);
      },
    });
    const result = await setup(store).handler.handle({ type: 'ModifyOrder', orderId: SAMPLE_ORDER_ID as never, changes: { terms: 'changed' } }, { actor: clerk });
    expect(E.isLeft(result) && result.left).toEqual({ kind: 'conflict', expectedVersion: 1, actualVersion: 2 });
  });

  it('retries a proof of service after a concurrent write and keeps both', async () => {
    const inner = new InMemoryEventStore();
    await setup(inner).handler.handle(add, { actor: clerk });
    let raced = false;
    const store = Object.assign(Object.create(inner) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        if (!raced) {
          raced = true;
          await setup(inner).handler.handle(serve('pos-1'), { actor: clerk });
        }
        return inner.append(...args);
      },
    });
    const result = await setup(store).handler.handle(serve('pos-2'), { actor: clerk });
    expect(E.isRight(result) && result.right.version).toBe(3);
  });

  describe('a command prepared from the order as loaded (handlePrepared)', () => {
    const racing = (inner: InMemoryEventStore) => {
      let raced = false;
      return Object.assign(Object.create(inner) as EventStore, {
        append: async (...args: Parameters<EventStore['append']>) => {
          if (!raced) {
            raced = true;
            await setup(inner).handler.handle({ type: 'ModifyOrder', orderId: SAMPLE_ORDER_ID as never, changes: { sealed: true } }, { actor: clerk });
          }
          return inner.append(...args);
        },
      });
    };
    /** Refuses a sealed order, as an access check would for a clerk. */
    const prepare = (seen: boolean[]) => (loaded: { state: { status: string; details?: { sealed?: boolean } } }) => {
      const sealed = loaded.state.details?.sealed === true;
      seen.push(sealed);
      return sealed ? E.left('sealed' as const) : E.right(serve('pos-2'));
    };

    it('prepares again on the retry after a concurrent write, and returns its refusal without writing', async () => {
      const inner = new InMemoryEventStore();
      await setup(inner).handler.handle(add, { actor: clerk });
      const seen: boolean[] = [];
      const result = await setup(racing(inner)).handler.handlePrepared(SAMPLE_ORDER_ID, prepare(seen), { actor: clerk });
      expect(seen).toEqual([false, true]);
      expect(E.isLeft(result) && result.left).toEqual({ kind: 'refused', reason: 'sealed' });
      expect((await inner.readStream(orderStreamId(SAMPLE_ORDER_ID))).map((e) => e.type)).toEqual(['OrderAdded', 'OrderModified']);
    });

    it('reads the stream once when nothing races, and decides the prepared command', async () => {
      const inner = new InMemoryEventStore();
      await setup(inner).handler.handle(add, { actor: clerk });
      let reads = 0;
      const store = Object.assign(Object.create(inner) as EventStore, {
        readStream: (...args: Parameters<EventStore['readStream']>) => {
          reads += 1;
          return inner.readStream(...args);
        },
      });
      const seen: boolean[] = [];
      const result = await setup(store).handler.handlePrepared(SAMPLE_ORDER_ID, prepare(seen), { actor: clerk });
      expect(E.isRight(result) && result.right.events.map((e) => e.type)).toEqual(['ServiceRecorded']);
      expect(reads).toBe(1);
    });
  });

  it('reports a stream whose stored event no longer matches its schema', async () => {
    const store = new InMemoryEventStore();
    await store.append(
      orderStreamId(SAMPLE_ORDER_ID),
      [{ type: 'OrderAdded', schemaVersion: 1, data: { nonsense: true }, metadata: { eventId: 'e1', actor: clerk, correlationId: 'c', recordedAt: '2026-03-02T19:00:00Z' } }],
      expectExact(0),
    );
    const result = await setup(store).handler.handle(serve('pos-1'), { actor: clerk });
    expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'corrupt-stream', streamVersion: 1 });
  });

  describe('a command the caller expects to start a new stream (expectNewStream)', () => {
    /** Counts stream reads, to show the hint saves the read when the stream is indeed new. */
    const counting = () => {
      const store = new InMemoryEventStore();
      let reads = 0;
      const readStream: EventStore['readStream'] = (...args) => {
        reads += 1;
        return store.readStream(...args);
      };
      return { store: Object.assign(Object.create(store) as EventStore, { readStream }), inner: store, reads: () => reads };
    };

    it('adds a new order without reading its stream first', async () => {
      const c = counting();
      const result = await setup(c.store).handler.handle(add, { actor: clerk, expectNewStream: true });
      expect(E.isRight(result) && result.right.version).toBe(1);
      expect(c.reads()).toBe(0);
      expect((await c.inner.readStream(orderStreamId(SAMPLE_ORDER_ID))).map((e) => e.type)).toEqual(['OrderAdded']);
    });

    it('answers as without the hint when the stream exists: the same refusal, and nothing written', async () => {
      const c = counting();
      const { handler } = setup(c.store);
      await handler.handle(add, { actor: clerk });
      const hinted = await handler.handle(add, { actor: clerk, expectNewStream: true });
      const plain = await handler.handle(add, { actor: clerk });
      expect(E.isLeft(hinted)).toBe(true);
      expect(hinted).toEqual(plain);
      expect(await c.inner.readStream(orderStreamId(SAMPLE_ORDER_ID))).toHaveLength(1);
    });

    it('refuses an invalid command on an existing stream exactly as without the hint', async () => {
      const { handler } = setup();
      await handler.handle(add, { actor: clerk });
      const invalid: CommandInput = { ...(add as Extract<CommandInput, { type: 'AddOrder' }>), details: { ...sampleOrderDetails(), caseNumber: '' as never } };
      const hinted = await handler.handle(invalid, { actor: clerk, expectNewStream: true });
      const plain = await handler.handle(invalid, { actor: clerk });
      expect(E.isLeft(hinted)).toBe(true);
      expect(hinted).toEqual(plain);
    });

    it('adds an existing draft as without the hint', async () => {
      const { handler, store } = setup();
      const { details } = add as Extract<CommandInput, { type: 'AddOrder' }>;
      await handler.handle({ type: 'CreateDraft', orderId: SAMPLE_ORDER_ID as never, enteringAgencyOri: LA_SUPERIOR_COURT.ori as never, details: details! }, { actor: clerk });
      const result = await handler.handle(add, { actor: clerk, expectNewStream: true });
      expect(E.isRight(result) && result.right.version).toBe(2);
      expect((await store.readStream(orderStreamId(SAMPLE_ORDER_ID))).map((e) => e.type)).toEqual(['DraftCreated', 'OrderAdded']);
    });

    it('ignores the hint when the caller names a version it saw (If-Match)', async () => {
      const { handler } = setup();
      await handler.handle(add, { actor: clerk });
      const result = await handler.handle(serve('pos-1'), { actor: clerk, expectedVersion: 1, expectNewStream: true });
      expect(E.isRight(result) && result.right.version).toBe(2);
    });
  });
});
