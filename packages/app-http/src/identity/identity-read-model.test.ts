import { InMemoryEventStore, PgliteEventStore } from '@ccpor/adapters';
import { expectAny, type EventStore, type RecordedEvent } from '@ccpor/domain';
import { FixedClock, makeEvents, rightOf, SequentialIds } from '@ccpor/test-kit';
import { IdentityReadModel } from './identity-read-model';
import { IdentityService, SYSTEM_ACTOR } from './identity-service';

/**
 * The identity view at start: complete (every agency, user and key in the log), then live; on
 * every store without being handed the orders' events, which a large registry has millions of
 * (readAll's streamPrefixes; the SQL stores skip them in the database).
 */
const LOCKOUT = { maxFailures: 5, minutes: 15 };

/** Counts the events a store hands out through readAll and subscribe. */
const counting = (store: EventStore) => {
  let handedOut = 0;
  const wrapped = Object.create(store) as EventStore & { handedOut: () => number };
  wrapped.readAll = async (o) => {
    const page = await store.readAll(o);
    handedOut += page.length;
    return page;
  };
  wrapped.subscribe = (o) => {
    const inner = store.subscribe(o);
    return (async function* () {
      for await (const e of inner as AsyncIterable<RecordedEvent>) {
        handedOut += 1;
        yield e;
      }
    })();
  };
  wrapped.handedOut = () => handedOut;
  return wrapped;
};

/** A log of `orders` order events and audit batches with agencies and users registered in between. */
const fill = async (store: EventStore, orders: number) => {
  const writerView = new IdentityReadModel(store);
  await writerView.start();
  const writer = new IdentityService(store, writerView, new FixedClock('2026-03-05T20:00:00.000Z'), new SequentialIds(), LOCKOUT);
  for (let i = 0; i < orders; i++) {
    rightOf(await store.append(`order-${i}`, makeEvents(1), expectAny));
    if (i % 125 === 0) {
      await writer.registerAgency({ ori: `CA0${String(190 + i / 125).padStart(3, '0')}15J`, name: `Court ${i}`, kind: 'superior-court', county: '19', carpos: { enabled: false } }, SYSTEM_ACTOR);
      rightOf(await store.append(`access-audit-2026-03-0${1 + (i % 5)}`, makeEvents(1), expectAny));
    }
  }
  await writer.createUser({ username: 'late.clerk', displayName: 'Late Clerk', agencyOri: 'CA019015J', roles: ['court-clerk'], cletsCertified: false }, SYSTEM_ACTOR);
  await writerView.stop();
};

/** The identity events in the log: neither orders nor the access audit. */
const identityEventsIn = async (store: EventStore): Promise<number> =>
  (await store.readAll({ maxCount: 100_000 })).filter((e) => !e.streamId.startsWith('order-') && !e.streamId.startsWith('access-audit-')).length;

describe.each([
  ['PGlite', () => PgliteEventStore.open()],
  ['memory', async () => new InMemoryEventStore()],
] as const)('%s: reads the identity streams alone', (_name, open) => {
  it('starts with every agency and user in the log, then follows new ones', async () => {
    const store = await open();
    try {
      await fill(store, 1_000);
      const watched = counting(store);
      const view = new IdentityReadModel(watched);
      await view.start();
      try {
        expect(view.identity.agencies.size).toBe(8);
        expect(view.identity.users.get('late.clerk')?.agencyOri).toBe('CA019015J');
        // The view is at the head: a wait for it is answered at once.
        const head = await store.headPosition();
        expect(await view.waitFor(head!, 1)).toBe(true);
        const identityEvents = await identityEventsIn(store);
        expect(identityEvents).toBeGreaterThan(8);
        expect(watched.handedOut()).toBe(identityEvents);

        // Live: an agency registered after the start appears, and order events keep flowing past.
        const service = new IdentityService(watched, view, new FixedClock('2026-03-05T20:00:00.000Z'), new SequentialIds(), LOCKOUT);
        rightOf(await store.append('order-late', makeEvents(1), expectAny));
        await service.registerAgency({ ori: 'CA0300000', name: 'Orange County Sheriff', kind: 'sheriff', county: '30', carpos: { enabled: false } }, SYSTEM_ACTOR);
        expect(view.identity.agencies.get('CA0300000')?.kind).toBe('sheriff');
      } finally {
        await view.stop();
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
