/**
 * The order projection on PostgreSQL: how fast the log is read, how fast the search view is
 * rebuilt from it (every index in place), and how long an appended order takes to become
 * searchable while the runner follows the log.
 *
 *   npm run bench:projection -w @ccpor/adapters
 *   BENCH_REBUILD_ORDERS=50000 BENCH_FRESHNESS_RATE=500 BENCH_FRESHNESS_SECONDS=10 npm run bench:projection -w @ccpor/adapters
 *
 * The log holds BENCH_REBUILD_ORDERS synthetic orders, each with the history the domain decider
 * gives it (added, usually an image, most acknowledged by DOJ and reviewed, many served, a few
 * canceled: about four events an order). Freshness appends new orders at BENCH_FRESHNESS_RATE a
 * second and measures, per append, the time from calling append until the runner has committed
 * the batch holding it (ProjectionRunner.waitFor).
 */
import { cpus, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { expectNoStream, type GlobalPosition } from '@ccpor/domain';
import { postgresDatabase } from '../src/event-store/postgres/postgres-database';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../src/event-store/postgres/throwaway-schema';
import { migrateViews } from '../src/projections/migrate-views';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { SqlOrderProjection } from '../src/projections/sql-order-projection';
import { SyntheticOrders, syntheticHistory, type SyntheticHistory } from '../../test-kit/src/synthetic';

const ORDERS = Number(process.env.BENCH_REBUILD_ORDERS ?? 50_000);
const RATE = Number(process.env.BENCH_FRESHNESS_RATE ?? 500);
const FRESH_SECONDS = Number(process.env.BENCH_FRESHNESS_SECONDS ?? 10);
const SEED = process.env.BENCH_SEED ?? 'ccpor-projection-bench';

const connection = testPostgresConfig();
const schema = throwawaySchemaName('bench_views');
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};
const seconds = (since: number): number => (performance.now() - since) / 1000;

const appendAll = async (store: PostgresEventStore, histories: readonly SyntheticHistory[], concurrency: number): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < histories.length) {
      const h = histories[next++]!;
      const result = await store.append(h.streamId, h.events, expectNoStream);
      if (E.isLeft(result)) throw new Error(`append failed: ${JSON.stringify(result.left)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

const main = async (): Promise<void> => {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${fmt(ORDERS)} orders in the log`);
  const store = await PostgresEventStore.open({ connection, schema, pollIntervalMs: 200 });
  const pool = new Pool({ ...connection, max: 4 });
  const db = postgresDatabase(pool);
  try {
    let t = performance.now();
    const generator = new SyntheticOrders({ seed: SEED, validate: false });
    const histories = Array.from({ length: ORDERS }, () => syntheticHistory(generator.next()));
    const events = histories.reduce((n, h) => n + h.events.length, 0);
    console.log(`| step | figure | detail |\n|---|---|---|`);
    console.log(`| generate histories (decider) | ${fmt(seconds(t), 1)} s | ${fmt(events)} events, ${fmt(events / ORDERS, 2)} per order |`);
    t = performance.now();
    await appendAll(store, histories, 16);
    console.log(`| append them (one append per order, 16 at a time) | ${fmt(events / seconds(t))} events/s | ${fmt(seconds(t), 1)} s |`);
    await store.headPosition();

    t = performance.now();
    let read = 0;
    let after: GlobalPosition | undefined;
    for (;;) {
      const page = await store.readAll(after === undefined ? { maxCount: 10_000 } : { after, maxCount: 10_000 });
      if (page.length === 0) break;
      read += page.length;
      after = page[page.length - 1]!.globalPosition;
    }
    console.log(`| readAll, pages of 10,000 | ${fmt(read / seconds(t))} events/s | ${fmt(read)} events in ${fmt(seconds(t), 2)} s |`);

    await migrateViews(db, schema);
    const runner = new ProjectionRunner({ store, target: new SqlOrderProjection(db, schema), batchSize: 500, pageSize: 5000 });
    let reported = 0;
    const rebuild = await runner.rebuild((p) => {
      if (p.applied - reported >= events / 4) {
        reported = p.applied;
        process.stdout.write(`  rebuild: ${fmt(p.applied)} events, ${fmt(p.eventsPerSecond)} events/s\n`);
      }
    });
    console.log(`| rebuild the search view (all indexes, batches of 500) | ${fmt(rebuild.eventsPerSecond)} events/s | ${fmt(rebuild.applied)} events in ${fmt(rebuild.elapsedMs / 1000, 1)} s |`);

    // Freshness: new orders arrive at RATE a second while the runner follows the log.
    const fresh = Array.from({ length: RATE * FRESH_SECONDS }, () => {
      const h = syntheticHistory(generator.next());
      return { streamId: h.streamId, events: h.events.slice(0, 1) };
    });
    const stop = new AbortController();
    const batches: number[] = [];
    const follower = new ProjectionRunner({ store, target: new SqlOrderProjection(db, schema), batchSize: 500, onBatch: (b) => batches.push(b.events) });
    const running = follower.run(stop.signal);
    const latencies: number[] = [];
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < fresh.length; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const h = fresh[i]!;
      const task = (async () => {
        const t0 = performance.now();
        const result = await store.append(h.streamId, h.events, expectNoStream);
        if (E.isLeft(result)) throw new Error(`append failed: ${JSON.stringify(result.left)}`);
        await follower.waitFor(result.right.lastPosition, 30_000);
        latencies.push(performance.now() - t0);
      })();
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
    await Promise.all(inFlight);
    const elapsed = seconds(started);
    stop.abort();
    await running;
    const ms = (v: number): string => `${fmt(v, 1)} ms`;
    console.log(
      `| append → searchable at ${fmt(RATE)} appends/s for ${FRESH_SECONDS} s | p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(Math.max(...latencies))} | ${fmt(latencies.length / elapsed)} appends/s achieved; ${batches.length} batches, mean ${fmt(latencies.length / Math.max(1, batches.length), 1)} events |`,
    );
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await store.close();
    await pool.end();
    await dropSchema(connection, schema);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
