/**
 * The CARPOS gateway against the DOJ simulator on loopback, with the production dispatch settings
 * (128 messages in flight, 10 s answer timeout) and the default 200 ms idle poll.
 *
 *   npm run bench:gateway -w @ccpor/adapters
 *   BENCH_GATEWAY_ORDERS=5000 BENCH_GATEWAY_RATE=100 BENCH_GATEWAY_SECONDS=10 BENCH_GATEWAY_TARGETS=pglite,postgres npm run bench:gateway -w @ccpor/adapters
 *
 * Two phases per store:
 * - backlog: BENCH_GATEWAY_ORDERS orders are in the log before the gateway starts (a CLETS outage
 *   ending, or the gateway switched on over an existing registry); measured is how fast it drains
 *   them: DOJ transactions a second, each one enter sent and one acknowledgement recorded as an
 *   event on the order.
 * - steady: orders are added at BENCH_GATEWAY_RATE a second for BENCH_GATEWAY_SECONDS while the
 *   gateway runs; measured per order is the time from the OrderAdded event's recording to the
 *   commit that closes its outbox row with DOJ's acknowledgement (p50, p99, max).
 */
import { cpus, loadavg } from 'node:os';
import { startDojSimulator } from '../../test-kit/src/doj-simulator';
import { appendNewOrder, openPgliteRegistry, openPostgresRegistry, startRig, type Registry } from '../src/carpos-gateway/__tests__/gateway-harness';
import { defaultDispatchSettings } from '../src/carpos-gateway/dispatcher';

const ORDERS = Number(process.env.BENCH_GATEWAY_ORDERS ?? 5_000);
const RATE = Number(process.env.BENCH_GATEWAY_RATE ?? 100);
const STEADY_SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 10);
const TARGETS = (process.env.BENCH_GATEWAY_TARGETS ?? 'pglite,postgres').split(',').map((s) => s.trim());

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const acknowledged = async (registry: Registry): Promise<number> =>
  Number((await registry.db.query<{ n: string }>(`SELECT count(*) AS n FROM "${registry.schema}".carpos_outbox WHERE status = 'acknowledged'`)).rows[0]?.n ?? 0);

const waitForAcks = async (registry: Registry, count: number, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while ((await acknowledged(registry)) < count) {
    if (Date.now() > deadline) throw new Error(`only ${await acknowledged(registry)} of ${count} acknowledged after ${timeoutMs} ms`);
    await sleep(20);
  }
};

/** Appends `n` new orders, 16 at a time (loading, not measured). */
const preload = async (registry: Registry, n: number): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) await appendNewOrder(registry.eventStore, next++);
    }),
  );
};

const runTarget = async (name: string, open: () => Promise<Registry>): Promise<void> => {
  const registry = await open();
  const simulator = await startDojSimulator();
  try {
    await preload(registry, ORDERS);
    const rig = await startRig(registry, simulator, { gateway: { dispatch: defaultDispatchSettings, pollIntervalMs: 200 } });
    try {
      const t0 = performance.now();
      await waitForAcks(registry, ORDERS, 600_000);
      const backlogSeconds = (performance.now() - t0) / 1000;
      console.log(`${name} backlog: ${fmt(ORDERS)} orders entered and acknowledged in ${fmt(backlogSeconds, 1)} s = ${fmt(ORDERS / backlogSeconds)} DOJ transactions/s`);

      const total = Math.round(RATE * STEADY_SECONDS);
      const start = performance.now();
      const appends: Promise<string>[] = [];
      for (let i = 0; i < total; i += 1) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        appends.push(appendNewOrder(registry.eventStore, ORDERS + i));
      }
      const steadyIds = await Promise.all(appends);
      const offered = total / ((performance.now() - start) / 1000);
      await waitForAcks(registry, ORDERS + total, 600_000);
      const rows = await registry.db.query<{ ms: number }>(
        `SELECT extract(epoch FROM answered_at - event_recorded_at) * 1000 AS ms FROM "${registry.schema}".carpos_outbox WHERE order_id = ANY($1::text[])`,
        [steadyIds],
      );
      const latencies = rows.rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
      console.log(
        `${name} steady: ${fmt(total)} orders at ${fmt(offered, 1)}/s; added → acknowledged p50 ${fmt(percentile(latencies, 0.5))} ms, p99 ${fmt(percentile(latencies, 0.99))} ms, max ${fmt(latencies[latencies.length - 1] ?? 0)} ms`,
      );
      const stats = rig.gateway.stats();
      console.log(`${name} answers ${fmt(stats.answers)}, duplicates ${stats.duplicates}, unmatched ${stats.unmatched}, link errors ${rig.errors.length}`);
    } finally {
      await rig.stop();
    }
  } finally {
    await simulator.close();
    await registry.close();
  }
};

const main = async (): Promise<void> => {
  console.log(`gateway bench ${new Date().toISOString()}: node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (TARGETS.includes('pglite')) await runTarget('PGlite (in memory)', () => openPgliteRegistry());
  if (TARGETS.includes('postgres')) await runTarget('PostgreSQL 127.0.0.1', () => openPostgresRegistry());
  console.log(`load at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
