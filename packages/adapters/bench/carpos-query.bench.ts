/**
 * CARPOS queries and reconciliation through the gateway's link to the DOJ simulator on loopback
 * (same process, so the simulator's work counts against the figures).
 *
 *   npm run bench:carpos-query -w @ccpor/adapters
 *   BENCH_QUERY_ORDERS=10000 BENCH_QUERY_ROUNDS=300 BENCH_QUERY_PAGE_SIZES=100,250 BENCH_QUERY_TARGETS=pglite,postgres npm run bench:carpos-query -w @ccpor/adapters
 *
 * Per store: BENCH_QUERY_ORDERS orders of a county that keys its own orders into CLETS are in the
 * registry, and DOJ holds the same records (seeded, 1 % with another expiry). Measured:
 * - query round trip: from asking to DOJ's answer matched to the registry's orders (askCarpos, what
 *   the API does minus HTTP), one query at a time, by FCN (one record) and by case number and court;
 * - reconciliation rate: a court's run unthrottled, DOJ records listed, matched and compared a second,
 *   for each page size.
 */
import { cpus, loadavg } from 'node:os';
import { type IssuedOrder } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { startDojSimulator } from '../../test-kit/src/doj-simulator';
import { openPgliteRegistry, openPostgresRegistry, startRig, type Registry } from '../src/carpos-gateway/__tests__/gateway-harness';
import { askCarpos } from '../src/carpos-query/ask-carpos';
import { type CarposQuery } from '../src/carpos-query/query-criteria';
import { Reconciler } from '../src/carpos-reconciliation/reconciler';
import { startReconciliation } from '../src/carpos-reconciliation/start-reconciliation';
import { appendOrangeOrder, dojFieldsOf, inParallel, ORANGE, ORANGE_SHERIFF } from '../src/carpos-reconciliation/__tests__/reconciliation-harness';

const ORDERS = Number(process.env.BENCH_QUERY_ORDERS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS ?? 300);
const PAGE_SIZES = (process.env.BENCH_QUERY_PAGE_SIZES ?? '100,250').split(',').map(Number);
const TARGETS = (process.env.BENCH_QUERY_TARGETS ?? 'pglite,postgres').split(',').map((s) => s.trim());

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const runTarget = async (name: string, open: () => Promise<Registry>): Promise<void> => {
  const registry = await open();
  const simulator = await startDojSimulator({ maxPageSize: 999 });
  const rig = await startRig(registry, simulator);
  const store = { db: registry.db, schema: registry.schema };
  try {
    const t0 = performance.now();
    await inParallel(ORDERS, 64, async (i) => {
      await appendOrangeOrder(registry.eventStore, i + 1);
    });
    for (;;) {
      const n = Number((await registry.db.query<{ n: string }>(`SELECT count(*) AS n FROM "${registry.schema}".carpos_order_state`)).rows[0]?.n ?? 0);
      if (n >= ORDERS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const states = (await registry.db.query<{ state: IssuedOrder }>(`SELECT state FROM "${registry.schema}".carpos_order_state`)).rows.map((r) => r.state);
    const seeded = simulator.seed(states.map((state, i) => ({ enteringOri: ORANGE_SHERIFF, fields: { ...dojFieldsOf(state), ...(i % 100 === 0 ? { EXP: '20310101' } : {}) } })));
    if (E.isLeft(seeded)) throw new Error(JSON.stringify(seeded.left.slice(0, 2)));
    console.log(`${name}: ${fmt(ORDERS)} orders loaded and seeded at DOJ in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const asOf = new Date().toISOString();
    const records = seeded.right;
    const roundTrips = async (label: string, query: (i: number) => CarposQuery): Promise<void> => {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i += 1) {
        const start = performance.now();
        const answer = await askCarpos(rig.gateway.queries, store, rig.gateway.codec, query(i), { ori: ORANGE, asOf });
        times.push(performance.now() - start);
        if (E.isLeft(answer) || answer.right.records.length !== 1) throw new Error(`${label}: unexpected answer ${JSON.stringify(E.isLeft(answer) ? answer.left : answer.right.total)}`);
      }
      times.sort((a, b) => a - b);
      console.log(`  query round trip, ${label.padEnd(22)} ${ROUNDS} sequential: p50 ${fmt(percentile(times, 0.5), 1)} ms, p99 ${fmt(percentile(times, 0.99), 1)} ms, max ${fmt(times[times.length - 1] ?? 0, 1)} ms`);
    };
    const pick = (i: number) => records[(i * 7919) % records.length];
    await roundTrips('by FCN', (i) => ({ kind: 'record', fcn: pick(i)?.fcn ?? '' }));
    await roundTrips('by case number + court', (i) => ({ kind: 'case', caseNumber: pick(i)?.fields.get('PNO')?.[0] ?? '', courtOri: ORANGE }));

    for (const pageSize of PAGE_SIZES) {
      const started = await startReconciliation(store, {
        scope: 'court',
        courtOri: ORANGE,
        trigger: 'command-line',
        requestedBy: { userId: 'bench', agencyOri: 'CASTATE00', kind: 'system' },
        asOf: new Date().toISOString(),
        ratePerSecond: 10_000,
        pageSize,
      });
      if (E.isLeft(started)) throw new Error(JSON.stringify(started.left));
      const start = performance.now();
      const done = await new Reconciler({ store, queries: rig.gateway.queries, codec: rig.gateway.codec }).run(started.right.id);
      const seconds = (performance.now() - start) / 1000;
      console.log(
        `  reconciliation, page size ${String(pageSize).padEnd(4)} ${fmt(done.dojRecords)} DOJ records, ${fmt(done.pages)} pages, ${fmt(done.differences)} differences in ${fmt(seconds, 1)} s: ${fmt(done.dojRecords / seconds)} orders/s (${done.status})`,
      );
    }
  } finally {
    await rig.stop();
    await simulator.close();
    await registry.close();
  }
};

const main = async (): Promise<void> => {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const target of TARGETS) {
    if (target === 'pglite') await runTarget('PGlite (in memory)', () => openPgliteRegistry());
    else if (target === 'postgres') await runTarget('PostgreSQL', () => openPostgresRegistry());
    else throw new Error(`unknown target ${target}`);
  }
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
