import { createHash, randomUUID } from 'node:crypto';
import { isLeft, type Either } from 'fp-ts/Either';
import {
  eventHashBody,
  eventHashInput,
  GENESIS_HASH,
  type Actor,
  type EventMetadataInput,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type StoredEventShape,
  type SubscribeOptions,
  type Upcaster,
} from '@ccpor/domain';

/** Helpers shared by the event-store contract suite; exported so adapter-specific tests can reuse them. */

export const contractActor: Actor = {
  userId: 'contract-user',
  agencyOri: 'CA0000000',
  roles: ['clerk'],
  kind: 'user',
};

/** A fresh stream id, so tests never see each other's streams even on a shared store. */
export const freshStreamId = (label = 'contract'): string => `${label}-${randomUUID()}`;

export const makeEvent = (
  type: string,
  data: unknown,
  metadata: Partial<EventMetadataInput> = {},
  schemaVersion = 1,
): NewEvent => ({
  type,
  schemaVersion,
  data,
  metadata: {
    eventId: randomUUID(),
    actor: contractActor,
    correlationId: randomUUID(),
    recordedAt: new Date().toISOString(),
    ...metadata,
  },
});

export const makeEvents = (count: number, type = 'ContractTest.Happened'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => makeEvent(type, { n: i + 1 }));

/** The Right of an Either, or a thrown error naming the Left (so a test fails with a useful message). */
export const rightOf = <E, A>(result: Either<E, A>): A => {
  if (isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

export const leftOf = <E, A>(result: Either<E, A>): E => {
  if (isLeft(result)) return result.left;
  throw new Error(`expected failure, got ${JSON.stringify(result.right)}`);
};

/**
 * The contracts recompute hashes with node:crypto themselves rather than with the adapters'
 * sha256Hex and hash-chain.ts (the test kit sits below the adapters), so a fault in the
 * adapters' chaining cannot hide itself.
 */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Recomputes the per-stream hash chain of `events` (a whole stream, forward); returns the first broken version or null. */
export const firstBrokenLink = (events: readonly RecordedEvent[]): number | null => {
  let previous = GENESIS_HASH;
  for (const event of events) {
    const expected = sha256Hex(eventHashInput(previous, eventHashBody(event)));
    if (event.metadata.previousHash !== previous || event.metadata.hash !== expected) return event.streamVersion;
    previous = event.metadata.hash;
  }
  return null;
};

/** Order-independent checksum over event ids: equal sets give equal checksums. */
export const idChecksum = (ids: Iterable<string>): string => sha256Hex([...ids].sort().join('\n'));

/**
 * Reads a subscription until `done` says so (or the time runs out), then aborts it and
 * waits for the iteration to end. Returns what was seen and whether the loop ended.
 */
export const collectSubscription = async (
  store: EventStore,
  options: Omit<SubscribeOptions, 'signal'>,
  done: (seen: readonly RecordedEvent[]) => boolean,
  timeoutMs: number,
  onStarted?: () => Promise<void>,
): Promise<{ seen: RecordedEvent[]; timedOut: boolean }> => {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const loop = (async () => {
    for await (const event of store.subscribe({ ...options, signal: controller.signal })) {
      seen.push(event);
      if (done(seen)) controller.abort();
    }
  })();
  try {
    if (onStarted) await onStarted();
    // `done` may depend on state that onStarted set after the last event arrived (e.g. "writers
    // finished"); check it once more, or a fast subscriber would wait for an event that never comes.
    if (done(seen)) controller.abort();
    await loop;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { seen, timedOut };
};

export const UPCASTABLE_TYPE = 'ContractTest.PersonNamed';

/** The contract's upcaster: v1 `{ name }` becomes v2 `{ fullName, upcast: true }`; everything else passes through. */
export const contractUpcaster: Upcaster = (event: StoredEventShape): StoredEventShape => {
  if (event.type !== UPCASTABLE_TYPE || event.schemaVersion !== 1) return event;
  const data = event.data as { name: string };
  return { type: event.type, schemaVersion: 2, data: { fullName: data.name, upcast: true } };
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
