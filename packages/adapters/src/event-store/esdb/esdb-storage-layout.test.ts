import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { expectExact, expectNoStream } from '@ccpor/domain';
import { freshStreamId, makeEvent, makeEvents, rightOf, startEsdbStandIn, type EsdbStandIn } from '@ccpor/test-kit';
import { EventStoreDBClient, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { EsdbEventStore } from './esdb-event-store';
import { toGlobalPosition } from './global-position';

// What the adapter writes into EventStoreDB, and what it refuses to read back as registry events.
describe('EventStoreDB adapter: storage layout', () => {
  let standIn: EsdbStandIn;
  let store: EsdbEventStore;
  let raw: EventStoreDBClient;

  const rawStream = async (streamId: string): Promise<ResolvedEvent[]> => {
    const out: ResolvedEvent[] = [];
    for await (const resolved of raw.readStream(streamId)) out.push(resolved);
    return out;
  };

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    store = await EsdbEventStore.connect({ connectionString: standIn.connectionString });
    raw = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterAll(async () => {
    await raw.dispose();
    await store.close();
    await standIn.close();
  });

  it('writes JSON data, the event id as the EventStoreDB id, and the port metadata with the schema version', async () => {
    const streamId = freshStreamId('layout');
    const event = makeEvent('Layout.Checked', { a: [1, 2] }, { causationId: 'c-1' }, 4);
    rightOf(await store.append(streamId, [event], expectNoStream));
    const [stored] = await rawStream(streamId);
    expect(stored?.event).toMatchObject({ id: event.metadata.eventId, type: 'Layout.Checked', isJson: true, data: { a: [1, 2] }, revision: 0n });
    const read = await store.readStream(streamId);
    expect(stored?.event?.metadata).toEqual({ schemaVersion: 4, ...read[0]?.metadata });
    expect(stored?.event?.metadata).toMatchObject({ eventId: event.metadata.eventId, causationId: 'c-1' });
  });

  it('gives an event whose id is not a UUID a fresh EventStoreDB id and keeps its own in the metadata', async () => {
    const streamId = freshStreamId('layout');
    const event = makeEvent('Layout.Imported', {}, { eventId: 'legacy-0042' });
    rightOf(await store.append(streamId, [event], expectNoStream));
    const [stored] = await rawStream(streamId);
    expect(stored?.event?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.readStream(streamId))[0]?.metadata.eventId).toBe('legacy-0042');
  });

  it('reports the position of the last event of a multi-event append, not the commit position the server answers with', async () => {
    const streamId = freshStreamId('layout');
    const result = rightOf(await store.append(streamId, makeEvents(3), expectNoStream));
    const stored = await rawStream(streamId);
    const first = stored[0]?.event?.position;
    const last = stored[2]?.event?.position;
    expect(first && last && first.commit === last.commit && first.prepare < last.prepare).toBe(true);
    expect(result.lastPosition).toBe(toGlobalPosition(last!));
  });

  it('leaves system streams, system event types and events it did not write out of readAll, subscribe and headPosition', async () => {
    const head = await store.headPosition();
    const ours = freshStreamId('layout');
    rightOf(await store.append(ours, makeEvents(1), expectNoStream));
    const ourHead = await store.headPosition();
    await raw.appendToStream(`$custom-${randomUUID()}`, jsonEvent({ type: 'NotSystemType', data: {} }));
    await raw.appendToStream(`foreign-${randomUUID()}`, jsonEvent({ type: 'Foreign.Thing', data: { x: 1 } }));
    await raw.appendToStream(`plain-${randomUUID()}`, jsonEvent({ type: '$systemLooking', data: {} }));
    rightOf(await store.append(ours, makeEvents(1), expectExact(1)));
    const ourLast = await store.headPosition();
    await raw.appendToStream(`foreign-${randomUUID()}`, jsonEvent({ type: 'Foreign.Trailing', data: {} }));

    const logged = await store.readAll({ ...(head === undefined ? {} : { after: head }), maxCount: 100 });
    expect(logged.map((e) => e.streamId)).toEqual([ours, ours]);
    // The head is the registry's last event, not the foreign one written after it.
    expect(await store.headPosition()).toBe(ourLast);
    expect(ourLast! > ourHead!).toBe(true);

    const controller = new AbortController();
    const seen: string[] = [];
    const marker = freshStreamId('marker');
    const loop = (async () => {
      for await (const event of store.subscribe({ ...(head === undefined ? {} : { after: head }), signal: controller.signal })) {
        seen.push(event.streamId);
        if (event.streamId === marker) controller.abort();
      }
    })();
    rightOf(await store.append(marker, makeEvents(1), expectNoStream));
    await loop;
    expect(seen).toEqual([ours, ours, marker]);
  });

  it('refuses to read a stream that holds an event it did not write', async () => {
    const streamId = `foreign-${randomUUID()}`;
    await raw.appendToStream(streamId, jsonEvent({ type: 'Foreign.Thing', data: {} }));
    await expect(store.readStream(streamId)).rejects.toThrow(/did not write/);
    await expect(store.append(streamId, makeEvents(1), expectExact(1))).rejects.toThrow(/not written by the registry/);
  });

  it('ends a running subscription when the store closes', async () => {
    const own = await EsdbEventStore.connect({ connectionString: standIn.connectionString });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of own.subscribe({})) seen.push(event.streamId);
      return 'ended';
    })();
    const streamId = freshStreamId('closing');
    rightOf(await own.append(streamId, makeEvents(1), expectNoStream));
    while (!seen.includes(streamId)) await new Promise((resolve) => setTimeout(resolve, 5));
    await own.close();
    await expect(loop).resolves.toBe('ended');
  });

  it('fails at connect when nothing listens at the address', async () => {
    const closed = await startEsdbStandIn();
    const address = closed.connectionString;
    await closed.close();
    await expect(EsdbEventStore.connect({ connectionString: address })).rejects.toThrow();
  });
});
