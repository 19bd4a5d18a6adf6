/**
 * A writer for the kill -9 tests: appends without pause to a few streams and prints one line
 * per acknowledged append, `ack <streamId> <version> <eventId>`, only after the append has
 * resolved. stdout to a pipe is written synchronously on Linux, so a line the parent has read
 * is an acknowledgement the store gave before the process was killed.
 *
 * Usage: append-burst pglite <dataDir>  |  append-burst postgres <schema>   (PG* / CCPOR_PG_URL)
 */
import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import { expectExact, type EventStore } from '@ccpor/domain';
import { PgliteEventStore } from '../pglite/pglite-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';

const WRITERS = 4;

const open = async (kind: string | undefined, target: string | undefined): Promise<EventStore> => {
  if (!target) throw new Error('usage: append-burst pglite <dataDir> | postgres <schema>');
  if (kind === 'pglite') return PgliteEventStore.open({ dataDir: target });
  if (kind === 'postgres') return PostgresEventStore.open({ schema: target, poolSize: WRITERS });
  throw new Error(`unknown store kind ${String(kind)}`);
};

const writer = async (store: EventStore, streamId: string): Promise<never> => {
  for (let version = 0; ; version++) {
    const eventId = randomUUID();
    const result = await store.append(
      streamId,
      [
        {
          type: 'CrashTest.Appended',
          schemaVersion: 1,
          data: { version: version + 1, padding: 'x'.repeat(64) },
          metadata: {
            eventId,
            actor: { userId: 'crash-test', agencyOri: 'CA0000000', roles: [], kind: 'system' },
            correlationId: streamId,
            recordedAt: new Date().toISOString(),
          },
        },
      ],
      expectExact(version),
    );
    if (isLeft(result)) throw new Error(`append failed: ${JSON.stringify(result.left)}`);
    process.stdout.write(`ack ${streamId} ${result.right.nextVersion} ${eventId}\n`);
  }
};

const main = async (): Promise<void> => {
  const store = await open(process.argv[2], process.argv[3]);
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: WRITERS }, () => writer(store, `order-${randomUUID()}`)));
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
