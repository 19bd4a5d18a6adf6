import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import { expectExact, type Actor, type CommandHandler, type CommandInput, type EventStore, type GlobalPosition, type NewEvent } from '@ccpor/domain';

export interface AppendFigures {
  readonly clients: number;
  readonly appends: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly conflicts: number;
}

export interface ReadFigures {
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** An event of about the size the goals were measured with (~130 bytes of data; docs/performance-goals.md). */
const benchEvent = (n: number): NewEvent => ({
  type: 'Bench.OrderAmended',
  schemaVersion: 1,
  data: { orderId: 'order-bench', field: 'expirationDate', value: '2027-06-30', note: `amendment ${n}`, court: 'CA019' },
  metadata: {
    eventId: randomUUID(),
    actor: { userId: 'bench', agencyOri: 'CA0190000', roles: ['clerk'], kind: 'user' },
    correlationId: randomUUID(),
    recordedAt: new Date().toISOString(),
  },
});

const percentile = (sorted: Float64Array, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** What each append writes: the n-th event (0-based) of a stream, and how long a stream grows. */
export interface AppendWorkload {
  readonly eventsPerStream: number;
  event(streamId: string, index: number): NewEvent;
}

const defaultWorkload: AppendWorkload = { eventsPerStream: 20, event: (_streamId, index) => benchEvent(index) };

/**
 * `clients` loops append one event each, back to back, for `seconds`. Each client owns its
 * streams (by default one per 20 appends, like an order's life) and appends with the exact
 * expected version, so every append runs the full concurrency check.
 */
export const measureAppends = async (
  store: EventStore,
  clients: number,
  seconds: number,
  workload: AppendWorkload = defaultWorkload,
): Promise<AppendFigures> => {
  const latencies: number[] = [];
  let conflicts = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const client = async (): Promise<void> => {
    let streamId = `order-${randomUUID()}`;
    let version = 0;
    while (performance.now() < deadline) {
      if (version === workload.eventsPerStream) {
        streamId = `order-${randomUUID()}`;
        version = 0;
      }
      const event = workload.event(streamId, version);
      const t0 = performance.now();
      const result = await store.append(streamId, [event], expectExact(version));
      latencies.push(performance.now() - t0);
      if (isLeft(result)) conflicts++;
      else version = result.right.nextVersion;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return figures(clients, latencies, (performance.now() - started) / 1000, conflicts);
};

const figures = (clients: number, latencies: readonly number[], elapsed: number, conflicts: number): AppendFigures => {
  const sorted = Float64Array.from(latencies).sort();
  return {
    clients,
    appends: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    conflicts,
  };
};

/** One command as a caller sends it; `n` is its 0-based place in the order's life. */
export type OrderScript = (orderId: string, n: number) => CommandInput;

/**
 * `clients` loops send commands through the domain's command handler (load the order's stream,
 * decide, append with the version it loaded), back to back, for `seconds`. Each client works
 * on its own orders, `commandsPerOrder` commands each, so conflicts are not expected; a domain
 * refusal means the script is wrong and stops the run.
 */
export const measureCommands = async (
  handler: CommandHandler,
  actor: Actor,
  script: OrderScript,
  commandsPerOrder: number,
  clients: number,
  seconds: number,
): Promise<AppendFigures> => {
  const latencies: number[] = [];
  let conflicts = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const client = async (): Promise<void> => {
    let orderId = randomUUID();
    let n = 0;
    while (performance.now() < deadline) {
      if (n === commandsPerOrder) {
        orderId = randomUUID();
        n = 0;
      }
      const t0 = performance.now();
      const result = await handler.handle(script(orderId, n), { actor });
      latencies.push(performance.now() - t0);
      if (isLeft(result)) {
        if (result.left.kind !== 'conflict') throw new Error(`command ${n} refused: ${JSON.stringify(result.left)}`);
        conflicts++;
      } else {
        n++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return figures(clients, latencies, (performance.now() - started) / 1000, conflicts);
};

/** Batched appends (import, rebuild seeding): `batch` events per append, for `total` events. */
export const measureBatchAppends = async (store: EventStore, total: number, batch: number): Promise<ReadFigures> => {
  const started = performance.now();
  for (let done = 0; done < total; done += batch) {
    const events = Array.from({ length: Math.min(batch, total - done) }, (_, i) => benchEvent(done + i));
    const result = await store.append(`import-${randomUUID()}`, events, expectExact(0));
    if (isLeft(result)) throw new Error(`batch append failed: ${JSON.stringify(result.left)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { events: total, seconds, perSecond: total / seconds };
};

/** Reads the whole log in pages, as a projection rebuild does. */
export const measureReadAll = async (store: EventStore, pageSize: number): Promise<ReadFigures> => {
  const started = performance.now();
  let events = 0;
  let after: GlobalPosition | undefined;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: pageSize } : { after, maxCount: pageSize });
    events += page.length;
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) break;
    after = last.globalPosition;
  }
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, perSecond: events / seconds };
};
