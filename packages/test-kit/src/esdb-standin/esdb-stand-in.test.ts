import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbStandIn, type EsdbStandIn } from './index';

const event = (n: number) => jsonEvent({ type: 'StandIn.Tested', data: { n }, metadata: { note: `m${n}` } });
const fresh = (label = 'standin'): string => `${label}-${randomUUID()}`;

const collect = async (iterable: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
  const out: ResolvedEvent[] = [];
  for await (const resolved of iterable) out.push(resolved);
  return out;
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected the append to be rejected');
    },
    (error: unknown) => error,
  );

// Both append paths of the client: BatchAppend (advertised) and the older Append (not advertised).
describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('stand-in appends through %s', (_path, batchAppend) => {
  let standIn: EsdbStandIn;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    standIn = await startEsdbStandIn({ batchAppend });
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await standIn.close();
  });

  const wrongExpectedVersion = async (stream: string, expectedRevision: AppendExpectedRevision): Promise<WrongExpectedVersionError> => {
    const error = await rejectionOf(client.appendToStream(stream, event(0), { expectedRevision }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    return error as WrongExpectedVersionError;
  };

  it('answers success with the current revision and a position', async () => {
    const stream = fresh();
    const first = await client.appendToStream(stream, [event(1), event(2), event(3)], { expectedRevision: NO_STREAM });
    expect(first.success).toBe(true);
    expect(first.nextExpectedRevision).toBe(2n);
    expect(first.position?.commit).toBeGreaterThan(0n);
    const second = await client.appendToStream(stream, event(4), { expectedRevision: 2n });
    expect(second.nextExpectedRevision).toBe(3n);
    expect(second.position!.commit).toBeGreaterThan(first.position!.commit);
  });

  it('enforces no_stream, stream_exists and exact revisions, reporting the current revision', async () => {
    const stream = fresh();
    expect(await wrongExpectedVersion(stream, STREAM_EXISTS)).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 'stream_exists' });
    expect(await wrongExpectedVersion(stream, 0n)).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 0n });
    await client.appendToStream(stream, [event(1), event(2)], { expectedRevision: NO_STREAM });
    expect(await wrongExpectedVersion(stream, NO_STREAM)).toMatchObject({ actualVersion: 1n, expectedVersion: 'no_stream', streamName: stream });
    expect(await wrongExpectedVersion(stream, 0n)).toMatchObject({ actualVersion: 1n, expectedVersion: 0n });
    expect(await wrongExpectedVersion(stream, 5n)).toMatchObject({ actualVersion: 1n, expectedVersion: 5n });
    expect((await client.appendToStream(stream, event(3), { expectedRevision: STREAM_EXISTS })).nextExpectedRevision).toBe(2n);
    expect((await client.appendToStream(stream, event(4), { expectedRevision: ANY })).nextExpectedRevision).toBe(3n);
    expect((await client.appendToStream(stream, event(5), { expectedRevision: 3n })).nextExpectedRevision).toBe(4n);
    // A rejected append writes nothing.
    expect((await collect(client.readStream(stream))).map((e) => e.event?.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('lets exactly one of many racing appends win a revision', async () => {
    const stream = fresh();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => client.appendToStream(stream, event(i), { expectedRevision: NO_STREAM })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const lost of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(lost.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((lost.reason as WrongExpectedVersionError).actualVersion).toBe(0n);
    }
  });
});

describe('stand-in reads', () => {
  let standIn: EsdbStandIn;
  let client: EventStoreDBClient;
  const stream = fresh('reads');

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    client = EventStoreDBClient.connectionString(standIn.connectionString);
    await client.appendToStream(stream, [1, 2, 3, 4, 5].map(event), { expectedRevision: NO_STREAM });
  });
  afterAll(async () => {
    await client.dispose();
    await standIn.close();
  });

  it('reads a stream forward and backward from a revision with a count, data and metadata intact', async () => {
    const forward = await collect(client.readStream(stream, { fromRevision: 1n, maxCount: 3 }));
    expect(forward.map((e) => e.event?.revision)).toEqual([1n, 2n, 3n]);
    expect(forward[0]?.event).toMatchObject({ streamId: stream, type: 'StandIn.Tested', data: { n: 2 }, metadata: { note: 'm2' }, isJson: true });
    const backward = await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 }));
    expect(backward.map((e) => e.event?.revision)).toEqual([4n, 3n]);
    const fromMiddle = await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: 2n }));
    expect(fromMiddle.map((e) => e.event?.revision)).toEqual([2n, 1n, 0n]);
    expect(await collect(client.readStream(stream, { fromRevision: 5n }))).toEqual([]);
  });

  it('reports a missing stream as StreamNotFound', async () => {
    await expect(collect(client.readStream(fresh('missing')))).rejects.toMatchObject({ type: 'stream-not-found' });
  });

  it('reads $all forward from a position inclusively and backward exclusively, system events included', async () => {
    const all = await collect(client.readAll({ fromPosition: START }));
    expect(all.some((e) => e.event?.streamId.startsWith('$'))).toBe(true);
    const mine = all.filter((e) => e.event?.streamId === stream);
    expect(mine).toHaveLength(5);
    const third = mine[2]?.event?.position as Position;
    const forward = await collect(client.readAll({ fromPosition: third, maxCount: 2 }));
    expect(forward.map((e) => e.event?.revision)).toEqual([2n, 3n]);
    const backward = await collect(client.readAll({ fromPosition: third, direction: BACKWARDS, maxCount: 2 }));
    expect(backward.map((e) => e.event?.revision)).toEqual([1n, 0n]);
    const fromEnd = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    expect(fromEnd[0]?.event?.revision).toBe(4n);
  });

  it('gives the events of one append one commit position and increasing prepare positions', async () => {
    const events = await collect(client.readStream(stream));
    const commits = new Set(events.map((e) => e.event?.position?.commit));
    expect(commits.size).toBe(1);
    const prepares = events.map((e) => e.event?.position?.prepare as bigint);
    expect([...prepares].sort((a, b) => (a < b ? -1 : 1))).toEqual(prepares);
    expect(new Set(prepares).size).toBe(5);
  });
});

describe('stand-in subscriptions to $all', () => {
  let standIn: EsdbStandIn;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await standIn.close();
  });

  it('confirms, replays history after the position, says caughtUp, then delivers live events', async () => {
    const stream = fresh('sub');
    const first = await client.appendToStream(stream, event(1), { expectedRevision: NO_STREAM });
    await client.appendToStream(stream, [event(2), event(3)], { expectedRevision: 0n });
    const subscription = client.subscribeToAll({ fromPosition: first.position as Position, filter: excludeSystemEvents() });
    const signals: string[] = [];
    subscription.on('confirmation', () => signals.push('confirmation'));
    const seen: number[] = [];
    subscription.on('caughtUp', () => {
      signals.push(`caughtUp after ${seen.length}`);
      void client.appendToStream(stream, event(4), { expectedRevision: 2n });
    });
    for await (const resolved of subscription) {
      seen.push((resolved.event?.data as { n: number }).n);
      if (seen.length === 3) break;
    }
    // Strictly after the checkpoint: event 1 sits at the position the subscription started from.
    expect(seen).toEqual([2, 3, 4]);
    expect(signals).toEqual(['confirmation', 'caughtUp after 2']);
  });

  it('applies the requested filter and reports checkpoints for filtered-out records', async () => {
    const wanted = fresh('wanted');
    const other = fresh('other');
    for (let i = 0; i < 40; i++) await client.appendToStream(other, event(i));
    await client.appendToStream(wanted, event(1));
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: ['wanted-'], checkpointReached: (_s, position) => void checkpoints.push(position) }),
    });
    const seen: string[] = [];
    for await (const resolved of subscription) {
      seen.push(resolved.event?.streamId ?? '');
      if (seen.includes(wanted)) break;
    }
    expect(seen.every((s) => s.startsWith('wanted-'))).toBe(true);
    // 40 skipped records exceed the default search window of 32, so one checkpoint came first.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
  });

  it('excludes system events when asked to', async () => {
    const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
    const seen: string[] = [];
    const marker = fresh('marker');
    subscription.on('caughtUp', () => void client.appendToStream(marker, event(1)));
    for await (const resolved of subscription) {
      seen.push(resolved.event?.type ?? '');
      if (resolved.event?.streamId === marker) break;
    }
    expect(seen.filter((type) => type.startsWith('$'))).toEqual([]);
    const unfiltered = await collect(client.readAll({ fromPosition: START, maxCount: 3 }));
    expect(unfiltered.every((e) => e.event?.type.startsWith('$'))).toBe(true);
  });

  it('ends open subscriptions when the stand-in closes', async () => {
    const own = await startEsdbStandIn();
    const ownClient = EventStoreDBClient.connectionString(own.connectionString);
    const subscription = ownClient.subscribeToAll({ fromPosition: END });
    const ended = new Promise<string>((resolve) => {
      subscription.on('end', () => resolve('end'));
      subscription.on('error', () => resolve('error'));
      subscription.on('close', () => resolve('close'));
    });
    subscription.resume();
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    await own.close();
    expect(['end', 'error', 'close']).toContain(await ended);
    await ownClient.dispose();
  });
});
