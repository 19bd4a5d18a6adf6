import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/Either';
import {
  expectAny,
  expectExact,
  expectExists,
  expectNoStream,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
  type Upcaster,
} from '@ccpor/domain';
import {
  collectSubscription,
  contractActor,
  contractUpcaster,
  firstBrokenLink,
  freshStreamId,
  idChecksum,
  leftOf,
  makeEvent,
  makeEvents,
  rightOf,
  UPCASTABLE_TYPE,
} from './event-store-fixtures';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/**
 * Opens a store. Every call must open the SAME underlying storage (same database, schema,
 * data directory or server): the upcasting test writes through a store without an upcaster
 * and reads through one with it. The suite never assumes the storage is empty: it uses fresh
 * stream ids and reads the global log from the head it finds before each test.
 */
export type EventStoreFactory = (opts: { upcaster?: Upcaster }) => Promise<EventStoreUnderTest>;

export interface EventStoreCapabilities {
  /** Run the 16-concurrent-writers tests (default true; set false only for a store that cannot take concurrent calls). */
  readonly concurrentWriters?: boolean;
}

const WRITERS = 16;

/** Positions compare as strings: their lexicographic order is the log order. */
const expectStrictlyIncreasing = (positions: readonly GlobalPosition[]): void => {
  for (let i = 1; i < positions.length; i++) {
    const before = positions[i - 1] as string;
    const after = positions[i] as string;
    if (!(before < after)) throw new Error(`positions not strictly increasing at ${i}: ${before} then ${after}`);
  }
};

/** Reads the whole global log after `after`, page by page. */
const readAllAfter = async (store: EventStore, after: GlobalPosition | undefined, pageSize: number): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll(cursor === undefined ? { maxCount: pageSize } : { after: cursor, maxCount: pageSize });
    expect(page.length).toBeLessThanOrEqual(pageSize);
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return out;
    cursor = last.globalPosition;
  }
};

export const describeEventStoreContract = (
  name: string,
  factory: EventStoreFactory,
  capabilities: EventStoreCapabilities = {},
): void => {
  const concurrentWriters = capabilities.concurrentWriters ?? true;

  describe(`EventStore contract: ${name}`, () => {
    let plain: EventStoreUnderTest;
    let upcasting: EventStoreUnderTest;
    let emptyAtStart = false;

    beforeAll(async () => {
      plain = await factory({});
      upcasting = await factory({ upcaster: contractUpcaster });
      emptyAtStart = (await plain.store.readAll({ maxCount: 1 })).length === 0;
    });

    afterAll(async () => {
      await upcasting?.dispose();
      await plain?.dispose();
    });

    const store = (): EventStore => plain.store;

    describe('headPosition', () => {
      it('is undefined on an empty log and follows every append', async () => {
        const headBefore = await store().headPosition();
        if (emptyAtStart) expect(headBefore).toBeUndefined();
        const first = rightOf(await store().append(freshStreamId(), makeEvents(2), expectNoStream));
        expect(await store().headPosition()).toBe(first.lastPosition);
        const second = rightOf(await store().append(freshStreamId(), makeEvents(1), expectNoStream));
        expect(second.lastPosition > first.lastPosition).toBe(true);
        expect(await store().headPosition()).toBe(second.lastPosition);
        if (headBefore !== undefined) expect(first.lastPosition > headBefore).toBe(true);
      });
    });

    describe('append with expected version', () => {
      it('no_stream creates a stream whose versions run 1..n', async () => {
        const streamId = freshStreamId();
        const events = makeEvents(3);
        const result = rightOf(await store().append(streamId, events, expectNoStream));
        expect(result.nextVersion).toBe(3);
        const read = await store().readStream(streamId);
        expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(read.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.metadata.eventId));
        expect(read.every((e) => e.streamId === streamId)).toBe(true);
        expect(read[2]?.globalPosition).toBe(result.lastPosition);
      });

      it('no_stream is rejected on an existing stream, carrying the actual version', async () => {
        const streamId = freshStreamId();
        rightOf(await store().append(streamId, makeEvents(2), expectNoStream));
        const error = leftOf(await store().append(streamId, makeEvents(1), expectNoStream));
        expect(error).toEqual({ code: 'WRONG_EXPECTED_VERSION', streamId, expected: expectNoStream, actual: 2 });
        expect(await store().readStream(streamId)).toHaveLength(2);
      });

      it('exact 0 means no stream', async () => {
        const streamId = freshStreamId();
        rightOf(await store().append(streamId, makeEvents(1), { kind: 'exact', version: 0 }));
        const error = leftOf(await store().append(streamId, makeEvents(1), { kind: 'exact', version: 0 }));
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 1 });
      });

      it('exists is rejected on a missing stream (actual 0) and accepted on an existing one', async () => {
        const streamId = freshStreamId();
        const error = leftOf(await store().append(streamId, makeEvents(1), expectExists));
        expect(error).toEqual({ code: 'WRONG_EXPECTED_VERSION', streamId, expected: expectExists, actual: 0 });
        expect(await store().readStream(streamId)).toEqual([]);
        rightOf(await store().append(streamId, makeEvents(1), expectNoStream));
        const result = rightOf(await store().append(streamId, makeEvents(2), expectExists));
        expect(result.nextVersion).toBe(3);
      });

      it('any is accepted on a missing and on an existing stream', async () => {
        const streamId = freshStreamId();
        expect(rightOf(await store().append(streamId, makeEvents(2), expectAny)).nextVersion).toBe(2);
        expect(rightOf(await store().append(streamId, makeEvents(1), expectAny)).nextVersion).toBe(3);
        expect((await store().readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('exact is accepted at the current version and rejected when behind or ahead', async () => {
        const streamId = freshStreamId();
        rightOf(await store().append(streamId, makeEvents(2), expectNoStream));
        expect(rightOf(await store().append(streamId, makeEvents(1), expectExact(2))).nextVersion).toBe(3);
        const behind = leftOf(await store().append(streamId, makeEvents(1), expectExact(2)));
        expect(behind).toEqual({ code: 'WRONG_EXPECTED_VERSION', streamId, expected: expectExact(2), actual: 3 });
        const ahead = leftOf(await store().append(streamId, makeEvents(1), expectExact(7)));
        expect(ahead).toEqual({ code: 'WRONG_EXPECTED_VERSION', streamId, expected: expectExact(7), actual: 3 });
        const missing = freshStreamId();
        const onMissing = leftOf(await store().append(missing, makeEvents(1), expectExact(1)));
        expect(onMissing).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamId: missing, actual: 0 });
        expect(await store().readStream(streamId)).toHaveLength(3);
      });

      it('an empty append is EMPTY_APPEND and creates nothing', async () => {
        const streamId = freshStreamId();
        for (const expected of [expectAny, expectNoStream, expectExists, expectExact(3)]) {
          expect(leftOf(await store().append(streamId, [], expected))).toEqual({ code: 'EMPTY_APPEND', streamId });
        }
        expect(await store().readStream(streamId)).toEqual([]);
        expect(rightOf(await store().append(streamId, makeEvents(1), expectNoStream)).nextVersion).toBe(1);
      });
    });

    describe('atomic multi-event appends', () => {
      it('a rejected batch writes none of its events', async () => {
        const streamId = freshStreamId();
        rightOf(await store().append(streamId, makeEvents(1), expectNoStream));
        const head = await store().headPosition();
        leftOf(await store().append(streamId, makeEvents(5), expectExact(3)));
        expect(await store().readStream(streamId)).toHaveLength(1);
        expect(await store().headPosition()).toBe(head);
      });

      it('concurrent batches never interleave, in the stream or in the global log', async () => {
        const streamId = freshStreamId();
        const head = await store().headPosition();
        const batches = Array.from({ length: 8 }, () => makeEvents(5));
        const results = await Promise.all(batches.map((batch) => store().append(streamId, batch, expectAny)));
        expect(results.every(isRight)).toBe(true);
        const read = await store().readStream(streamId);
        expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        const batchOf = new Map(batches.flatMap((batch, b) => batch.map((e) => [e.metadata.eventId, b] as const)));
        const runs = (events: readonly RecordedEvent[]): number[] =>
          events.map((e) => batchOf.get(e.metadata.eventId) ?? -1).filter((b, i, all) => i === 0 || all[i - 1] !== b);
        // Each batch shows up as one contiguous run of five.
        expect(runs(read).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        const global = (await readAllAfter(store(), head, 100)).filter((e) => e.streamId === streamId);
        expect(global.map((e) => e.metadata.eventId)).toEqual(read.map((e) => e.metadata.eventId));
        for (const [i, result] of results.entries()) {
          const last = read.filter((e) => batchOf.get(e.metadata.eventId) === i).pop();
          expect(isRight(result) && result.right.lastPosition).toBe(last?.globalPosition);
          expect(isRight(result) && result.right.nextVersion).toBe(last?.streamVersion);
        }
      });

      it('large batches are atomic, chained and checked like small ones', async () => {
        const streamId = freshStreamId();
        const first = makeEvents(120);
        expect(rightOf(await store().append(streamId, first, expectNoStream)).nextVersion).toBe(120);
        expect(leftOf(await store().append(streamId, makeEvents(80), expectNoStream))).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 120 });
        expect(leftOf(await store().append(streamId, makeEvents(80), expectExact(119)))).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 120 });
        const missing = freshStreamId();
        expect(leftOf(await store().append(missing, makeEvents(80), expectExists))).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 0 });
        const [a, b] = [makeEvents(60), makeEvents(60)];
        const results = await Promise.all([store().append(streamId, a, expectAny), store().append(streamId, b, expectExists)]);
        expect(results.every(isRight)).toBe(true);
        const read = await store().readStream(streamId);
        expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
        const ids = read.map((e) => e.metadata.eventId);
        expect(ids.slice(0, 120)).toEqual(first.map((e) => e.metadata.eventId));
        const halves = [ids.slice(120, 180), ids.slice(180)];
        expect(halves).toContainEqual(a.map((e) => e.metadata.eventId));
        expect(halves).toContainEqual(b.map((e) => e.metadata.eventId));
        expect(firstBrokenLink(read)).toBeNull();
        expect(await store().readStream(missing)).toEqual([]);
      });
    });

    if (concurrentWriters) {
      describe(`${WRITERS} concurrent writers on one stream`, () => {
        it('exactly one writer wins each version', async () => {
          const streamId = freshStreamId();
          for (let version = 0; version < 6; version++) {
            const expected = version === 0 ? expectNoStream : expectExact(version);
            const results = await Promise.all(
              Array.from({ length: WRITERS }, (_, w) => store().append(streamId, [makeEvent('ContractTest.Raced', { w, version })], expected)),
            );
            const winners = results.filter(isRight);
            expect(winners).toHaveLength(1);
            expect(winners[0]?.right.nextVersion).toBe(version + 1);
            for (const loser of results.filter(isLeft)) {
              expect(loser.left).toEqual({ code: 'WRONG_EXPECTED_VERSION', streamId, expected, actual: version + 1 });
            }
          }
          expect((await store().readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
        });

        it('read-decide-append with retries loses no update', async () => {
          const streamId = freshStreamId();
          const perWriter = 4;
          let conflicts = 0;
          const writer = async (w: number): Promise<string[]> => {
            const mine: string[] = [];
            while (mine.length < perWriter) {
              const current = (await store().readStream(streamId, { direction: 'backward', maxCount: 1 }))[0]?.streamVersion ?? 0;
              const event = makeEvent('ContractTest.Counted', { w, seen: current });
              const result = await store().append(streamId, [event], expectExact(current));
              if (isRight(result)) mine.push(event.metadata.eventId);
              else {
                expect(result.left.code).toBe('WRONG_EXPECTED_VERSION');
                conflicts++;
              }
            }
            return mine;
          };
          const written = (await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))).flat();
          const read = await store().readStream(streamId);
          expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: WRITERS * perWriter }, (_, i) => i + 1));
          expect(idChecksum(read.map((e) => e.metadata.eventId))).toBe(idChecksum(written));
          // Each event was decided on the version just before it: nobody overwrote a newer state.
          for (const e of read) expect((e.data as { seen: number }).seen).toBe(e.streamVersion - 1);
          expect(firstBrokenLink(read)).toBeNull();
          // 64 successes among 16 racing writers cannot all have gone through first time.
          expect(conflicts).toBeGreaterThan(0);
        });
      });
    }

    describe('readStream', () => {
      let streamId: string;
      beforeAll(async () => {
        streamId = freshStreamId();
        rightOf(await store().append(streamId, makeEvents(6), expectNoStream));
        rightOf(await store().append(streamId, makeEvents(4), expectExact(6)));
      });

      const versions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
        (await store().readStream(streamId, options)).map((e) => e.streamVersion);

      it('reads forward from the start by default', async () => {
        expect(await versions(undefined)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });

      it('reads forward from a version with maxCount', async () => {
        expect(await versions({ fromVersion: 4, maxCount: 3 })).toEqual([4, 5, 6]);
        expect(await versions({ direction: 'forward', fromVersion: 9, maxCount: 5 })).toEqual([9, 10]);
        expect(await versions({ fromVersion: 11 })).toEqual([]);
      });

      it('reads backward from the end by default and from a version with maxCount', async () => {
        expect(await versions({ direction: 'backward' })).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
        expect(await versions({ direction: 'backward', maxCount: 2 })).toEqual([10, 9]);
        expect(await versions({ direction: 'backward', fromVersion: 5, maxCount: 3 })).toEqual([5, 4, 3]);
        expect(await versions({ direction: 'backward', fromVersion: 2, maxCount: 10 })).toEqual([2, 1]);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store().readStream(freshStreamId())).toEqual([]);
        expect(await store().readStream(freshStreamId(), { direction: 'backward' })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads the global log after a position, in order, page by page', async () => {
        const head = await store().headPosition();
        const streams = [freshStreamId(), freshStreamId(), freshStreamId()];
        const appended: string[] = [];
        for (let round = 0; round < 4; round++) {
          for (const streamId of streams) {
            const events = makeEvents(round % 2 === 0 ? 1 : 2);
            rightOf(await store().append(streamId, events, expectAny));
            appended.push(...events.map((e) => e.metadata.eventId));
          }
        }
        const all = await readAllAfter(store(), head, 4);
        expect(all.map((e) => e.metadata.eventId)).toEqual(appended);
        expectStrictlyIncreasing(all.map((e) => e.globalPosition));
        const oneBig = await store().readAll(head === undefined ? { maxCount: 1000 } : { after: head, maxCount: 1000 });
        expect(oneBig.map((e) => e.metadata.eventId)).toEqual(appended);
        // `after` is exclusive.
        const third = all[2] as RecordedEvent;
        const rest = await store().readAll({ after: third.globalPosition, maxCount: 1000 });
        expect(rest.map((e) => e.metadata.eventId)).toEqual(appended.slice(3));
        expect(await store().readAll({ after: all[all.length - 1]!.globalPosition, maxCount: 10 })).toEqual([]);
      });

      it('starts at the beginning of the log when no position is given', async () => {
        rightOf(await store().append(freshStreamId(), makeEvents(1), expectNoStream));
        const first = await store().readAll({ maxCount: 2 });
        expect(first.length).toBeGreaterThanOrEqual(1);
        const head = (await store().headPosition()) as GlobalPosition;
        expect(first.every((e) => e.globalPosition <= head)).toBe(true);
        expectStrictlyIncreasing(first.map((e) => e.globalPosition));
      });
    });

    describe('readAll of some streams (streamPrefixes)', () => {
      it('returns only the events of streams with one of the prefixes, in log order, paged after a position', async () => {
        const head = await store().headPosition();
        const from = head === undefined ? {} : { after: head };
        // Prefixes of this run alone, so other streams in a shared log never match.
        const run = freshStreamId('run').slice(-12);
        const agency = `agency${run}-`;
        const user = `user${run}-`;
        const written: string[] = [];
        // Interleaved with other streams, as orders are with identity streams in the registry's log.
        for (let i = 0; i < 6; i++) {
          for (const streamId of [`order${run}-${i}`, i % 3 === 0 ? `${agency}${i}` : `${user}${i}`, `audit${run}-${i}`]) {
            rightOf(await store().append(streamId, makeEvents(1), expectAny));
            written.push(streamId);
          }
        }
        const wanted = written.filter((s) => s.startsWith(agency) || s.startsWith(user));
        // A SQL log shows an event once no older transaction still runs: wait until it shows them all.
        let everything = await readAllAfter(store(), head, 1000);
        for (let tries = 0; everything.length < written.length && tries < 200; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          everything = await readAllAfter(store(), head, 1000);
        }
        expect(everything.map((e) => e.streamId)).toEqual(written);

        const chosen = await store().readAll({ ...from, streamPrefixes: [agency, user], maxCount: 1000 });
        expect(chosen.map((e) => e.streamId)).toEqual(wanted);
        // The same events at the same positions as the whole log gives them.
        expect(chosen).toEqual(everything.filter((e) => wanted.includes(e.streamId)));
        // maxCount counts the chosen streams' events; `after` pages on from the last one.
        const first = await store().readAll({ ...from, streamPrefixes: [agency, user], maxCount: 3 });
        expect(first).toHaveLength(3);
        const rest = await store().readAll({ after: first[2]!.globalPosition, streamPrefixes: [agency, user], maxCount: 1000 });
        expect([...first, ...rest].map((e) => e.streamId)).toEqual(wanted);
        expect((await store().readAll({ ...from, streamPrefixes: [agency], maxCount: 1000 })).map((e) => e.streamId)).toEqual(wanted.filter((s) => s.startsWith(agency)));
        // A prefix is text, not a pattern: `_` and `%` match only themselves.
        expect(await store().readAll({ ...from, streamPrefixes: [`user${run}_`, '%', '_'.repeat(run.length)], maxCount: 1000 })).toEqual([]);
        // No prefix, no stream.
        expect(await store().readAll({ ...from, streamPrefixes: [], maxCount: 1000 })).toEqual([]);
      });
    });

    describe('catch-up subscription', () => {
      it('delivers history after a checkpoint, then live events, and ends when the signal aborts', async () => {
        const streamId = freshStreamId();
        const history = makeEvents(4);
        rightOf(await store().append(streamId, history.slice(0, 1), expectNoStream));
        const checkpoint = (await store().headPosition()) as GlobalPosition;
        rightOf(await store().append(streamId, history.slice(1), expectExact(1)));
        const live = makeEvents(3);
        let appendedLive = false;
        const { seen, timedOut } = await collectSubscription(
          store(),
          { after: checkpoint },
          (s) => s.length >= 6,
          15_000,
          async () => {
            // Wait until the history has been delivered, then write while the subscriber is live.
            const started = Date.now();
            while (Date.now() - started < 5_000 && (await store().readAll({ after: checkpoint, maxCount: 3 })).length < 3) {
              await new Promise((r) => setTimeout(r, 5));
            }
            await new Promise((r) => setTimeout(r, 50));
            rightOf(await store().append(streamId, live.slice(0, 2), expectExact(4)));
            await new Promise((r) => setTimeout(r, 20));
            rightOf(await store().append(streamId, live.slice(2), expectExact(6)));
            appendedLive = true;
          },
        );
        expect(appendedLive).toBe(true);
        expect(timedOut).toBe(false);
        expect(seen.map((e) => e.metadata.eventId)).toEqual([...history.slice(1), ...live].map((e) => e.metadata.eventId));
        expect(seen.map((e) => e.streamVersion)).toEqual([2, 3, 4, 5, 6, 7]);
        expectStrictlyIncreasing(seen.map((e) => e.globalPosition));
      });

      it('ends promptly when aborted while waiting for live events', async () => {
        const controller = new AbortController();
        const head = await store().headPosition();
        const iteration = (async () => {
          let count = 0;
          for await (const _ of store().subscribe({ ...(head === undefined ? {} : { after: head }), signal: controller.signal })) count++;
          return count;
        })();
        await new Promise((r) => setTimeout(r, 100));
        const abortedAt = Date.now();
        controller.abort();
        expect(await iteration).toBe(0);
        expect(Date.now() - abortedAt).toBeLessThan(2_000);
      });

      it('yields nothing when the signal is already aborted', async () => {
        const controller = new AbortController();
        controller.abort();
        const seen: RecordedEvent[] = [];
        for await (const event of store().subscribe({ signal: controller.signal })) seen.push(event);
        expect(seen).toEqual([]);
      });

      it(`sees every event exactly once, in order, under ${WRITERS} concurrent writers`, async () => {
        const head = await store().headPosition();
        const shared = freshStreamId('shared');
        const acknowledged: string[] = [];
        const appendsPerWriter = 12;
        const writer = async (w: number): Promise<void> => {
          const own = freshStreamId(`writer${w}`);
          for (let i = 0; i < appendsPerWriter; i++) {
            const events = makeEvents(1 + ((w + i) % 3), 'ContractTest.Concurrent');
            const target = i % 3 === 0 ? shared : own;
            const { lastPosition } = rightOf(await store().append(target, events, expectAny));
            acknowledged.push(...events.map((e) => e.metadata.eventId));
            if (highest === undefined || lastPosition > highest) highest = lastPosition;
          }
        };
        let writersDone = false;
        let highest: GlobalPosition | undefined;
        // Stop once the subscriber has passed the last acknowledged position (or seen enough):
        // a store that skips an event then fails below instead of timing out.
        const { seen, timedOut } = await collectSubscription(
          store(),
          head === undefined ? {} : { after: head },
          (s) =>
            writersDone &&
            (s.length >= acknowledged.length || (highest !== undefined && s[s.length - 1]!.globalPosition >= highest)),
          60_000,
          async () => {
            await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
            writersDone = true;
          },
        );
        expect(timedOut).toBe(false);
        const ids = seen.map((e) => e.metadata.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(acknowledged.length);
        expect(idChecksum(ids)).toBe(idChecksum(acknowledged));
        expectStrictlyIncreasing(seen.map((e) => e.globalPosition));
        // Per stream, versions arrive in order and without holes.
        const lastVersion = new Map<string, number>();
        for (const e of seen) {
          expect(e.streamVersion).toBe((lastVersion.get(e.streamId) ?? 0) + 1);
          lastVersion.set(e.streamId, e.streamVersion);
        }
        // The subscriber saw the log exactly as readAll reports it.
        const logged = await readAllAfter(store(), head, 250);
        expect(logged.map((e) => e.metadata.eventId)).toEqual(ids);
      }, 90_000);
    });

    describe('upcasting on read', () => {
      it('readStream, readAll and subscribe return the upcast event while the stored event is unchanged', async () => {
        const streamId = freshStreamId();
        const head = await plain.store.headPosition();
        const old = makeEvent(UPCASTABLE_TYPE, { name: 'Ada Lovelace' });
        const other = makeEvent('ContractTest.Untouched', { name: 'stays' });
        rightOf(await plain.store.append(streamId, [old, other], expectNoStream));

        const lifted = { type: UPCASTABLE_TYPE, schemaVersion: 2, data: { fullName: 'Ada Lovelace', upcast: true } };
        const untouched = { type: 'ContractTest.Untouched', schemaVersion: 1, data: { name: 'stays' } };
        const shape = (e: RecordedEvent): unknown => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });

        expect((await upcasting.store.readStream(streamId)).map(shape)).toEqual([lifted, untouched]);
        expect((await upcasting.store.readStream(streamId, { direction: 'backward' })).map(shape)).toEqual([untouched, lifted]);
        const fromLog = (await readAllAfter(upcasting.store, head, 50)).filter((e) => e.streamId === streamId);
        expect(fromLog.map(shape)).toEqual([lifted, untouched]);
        const { seen } = await collectSubscription(
          upcasting.store,
          head === undefined ? {} : { after: head },
          (s) => s.filter((e) => e.streamId === streamId).length >= 2,
          10_000,
        );
        expect(seen.filter((e) => e.streamId === streamId).map(shape)).toEqual([lifted, untouched]);

        // The stored event is still version 1, and its hash still verifies against the stored form.
        const stored = await plain.store.readStream(streamId);
        expect(stored.map(shape)).toEqual([{ type: UPCASTABLE_TYPE, schemaVersion: 1, data: { name: 'Ada Lovelace' } }, untouched]);
        expect(firstBrokenLink(stored)).toBeNull();
        // Upcasting keeps the identity and the chain fields of the stored event.
        const upcastRead = await upcasting.store.readStream(streamId);
        expect(upcastRead.map((e) => e.metadata)).toEqual(stored.map((e) => e.metadata));
        expect(upcastRead.map((e) => e.globalPosition)).toEqual(stored.map((e) => e.globalPosition));
      });
    });

    describe('metadata and data', () => {
      it('round-trip exactly, optional fields included', async () => {
        const streamId = freshStreamId();
        const full = makeEvent(
          'ContractTest.Full',
          { text: 'Zoë Ñúñez — 東京 🚓', n: 42, f: 0.125, neg: -7, yes: true, none: null, list: [1, 'two', { three: [3] }], nested: { b: 2, a: 1 } },
          {
            actor: { userId: 'u-17', agencyOri: 'CA0190000', roles: ['clerk', 'judge'], kind: 'api-key' },
            causationId: 'cause-1',
            recordedAt: '2026-11-22T21:23:06.123Z',
            extra: { sourceRecord: 'LEGACY-0042', tags: ['import', 'batch-7'], depth: { ok: true } },
          },
        );
        const bare = makeEvent('ContractTest.Bare', {}, { actor: { ...contractActor, roles: [], kind: 'system' } }, 3);
        rightOf(await store().append(streamId, [full, bare], expectNoStream));
        const [a, b] = await store().readStream(streamId);
        expect(a).toBeDefined();
        expect(b).toBeDefined();
        const { previousHash: _pa, hash: _ha, ...aMeta } = a!.metadata;
        const { previousHash: _pb, hash: _hb, ...bMeta } = b!.metadata;
        expect(aMeta).toEqual(full.metadata);
        expect(bMeta).toEqual(bare.metadata);
        expect(Object.keys(bMeta).sort()).toEqual(Object.keys(bare.metadata).sort());
        expect(a!.data).toEqual(full.data);
        expect(b!.data).toEqual({});
        expect(b!.schemaVersion).toBe(3);
        expect(a!.type).toBe('ContractTest.Full');
      });
    });

    describe('hash chain', () => {
      it('is present on every event and verifies across appends', async () => {
        const streamId = freshStreamId();
        rightOf(await store().append(streamId, makeEvents(3), expectNoStream));
        rightOf(await store().append(streamId, [makeEvent('ContractTest.Other', { x: [1, { y: 'z' }] })], expectExact(3)));
        rightOf(await store().append(streamId, makeEvents(2), expectAny));
        const read = await store().readStream(streamId);
        expect(read).toHaveLength(6);
        for (const e of read) {
          expect(e.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(e.metadata.previousHash).toMatch(/^[0-9a-f]{64}$/);
        }
        expect(firstBrokenLink(read)).toBeNull();
        // The check really checks: a tampered payload breaks the chain at that event.
        const tampered = read.map((e) => (e.streamVersion === 4 ? { ...e, data: { x: [1, { y: 'tampered' }] } } : e));
        expect(firstBrokenLink(tampered)).toBe(4);
        // Backward reads carry the same chain.
        const backward = await store().readStream(streamId, { direction: 'backward' });
        expect(backward.map((e) => e.metadata.hash)).toEqual(read.map((e) => e.metadata.hash).reverse());
      });
    });
  });
};
