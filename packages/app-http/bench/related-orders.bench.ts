/**
 * Search and order-read time against the number of orders about one (restrained, protected)
 * pair (issue 12, finding 4): with N orders about the same two people, every search hit and every
 * order read computes the related-orders indicator or the precedence of that pair. Before the fix
 * these grew super-linearly (12.9 s for a search at N = 100) and blocked the event loop.
 *
 *   npm run bench:related -w @ccpor/app-http            (also the first part of `npm run bench`)
 *   BENCH_RELATED_N=10,100,1000 BENCH_RELATED_RUNS=7 BENCH_RELATED_TIMEOUT_MS=120000
 *
 * For each N: a fresh registry (`startServer`) on a throw-away PostgreSQL schema
 * (CCPOR_TEST_PG_URL, default postgres@127.0.0.1:5432/test), N orders about the same pair added
 * through the command handler (their stay-away distances all differ, so every two of them
 * conflict), the search views caught up; then, with an API key, RUNS times each:
 * - `GET /api/v1/search?lastName=<surname>&limit=10` (10 hits about the pair, each with `related`);
 * - `GET /api/v1/orders/{id}` of one of them (its `precedence`);
 * - `GET /healthz`, one after another while each search runs: the slowest of them shows how long
 *   the search kept the server from answering anything else.
 * Prints the median and the slowest of each.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import pino from 'pino';
import { Pool } from 'pg';
import { decodeWith, OrderDetails, type OrderId, type Ori } from '@ccpor/domain';
import { InMemoryEventStore } from '@ccpor/adapters';
import { sampleOrderInput } from '@ccpor/test-kit/dist/fixtures/sample-orders';
import { loadConfig } from '../src/config/config';
import { SYSTEM_ACTOR } from '../src/identity/identity-service';
import { startServer } from '../src/server/start-server';

const SIZES = (process.env.BENCH_RELATED_N ?? '10,100,1000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RELATED_RUNS ?? 7);
const TIMEOUT_MS = Number(process.env.BENCH_RELATED_TIMEOUT_MS ?? 120_000);
/** `memory` runs on the memory store with in-memory PGlite views instead of PostgreSQL. */
const STORE = process.env.BENCH_RELATED_STORE ?? 'postgres';
const pgUrl = process.env.CCPOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COURT = 'CA019015J';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => (x >= TIMEOUT_MS ? `>${TIMEOUT_MS / 1000} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

const timed = async (url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; body: unknown }> => {
  const started = performance.now();
  try {
    const r = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await r.json();
    return { ms: performance.now() - started, status: r.status, body };
  } catch {
    return { ms: TIMEOUT_MS, status: 0, body: undefined };
  }
};

const run = async (n: number): Promise<string> => {
  const schema = `ccpor_related_${randomBytes(4).toString('hex')}`;
  const env = STORE === 'memory' ? { CCPOR_STORE: 'memory' } : { CCPOR_STORE: pgUrl, CCPOR_PG_SCHEMA: schema };
  const config = loadConfig({ ...env, CCPOR_PORT: '0', CCPOR_LOG_LEVEL: 'silent', CCPOR_REQUEST_TIMEOUT_MS: String(Math.max(TIMEOUT_MS, 1000)) });
  const server = await startServer(config, { logger: pino({ level: 'silent' }), ...(STORE === 'memory' ? { eventStore: new InMemoryEventStore() } : {}) });
  try {
    const s = server.services;
    await s.identity.registerAgency({ ori: COURT, name: 'Superior Court of California, County of Los Angeles', kind: 'superior-court', county: '19', carpos: { enabled: false } }, SYSTEM_ACTOR);
    const key = await s.identity.issueApiKey({ agencyOri: COURT, label: 'bench', roles: ['court-clerk'] }, SYSTEM_ACTOR);
    const headers = { authorization: `Bearer ${key.secret}` };
    const actor = { userId: 'bench', agencyOri: COURT, roles: ['court-clerk'], kind: 'user' as const };
    const ids: string[] = [];
    const loadStart = performance.now();
    for (let i = 0; i < n; i++) {
      const details = decodeWith(OrderDetails)(
        sampleOrderInput({ caseNumber: `26FL${String(i).padStart(6, '0')}`, provisions: [{ kind: 'stay-away', distanceYards: 100 + i, places: ['person', 'home'] }] }),
      );
      if (E.isLeft(details)) throw new Error(details.left.message);
      const orderId = s.ids.newId() as OrderId;
      const r = await s.commands.handle({ type: 'AddOrder', orderId, enteringAgencyOri: COURT as Ori, details: details.right, source: { kind: 'registry' } }, { actor, expectNewStream: true });
      if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
      ids.push(orderId);
    }
    // The views catch up with everything just written.
    for (let i = 0; i < 600 && (await s.search.lag()).eventsBehind > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const search: number[] = [];
    const read: number[] = [];
    const health: number[] = [];
    let hits = 0;
    let related: unknown;
    let pairs: unknown;
    for (let k = 0; k < RUNS; k++) {
      // /healthz, one after another, for as long as the search runs: the slowest shows how long the search held the event loop.
      let searching = true;
      const inFlight = timed(`${server.url}/api/v1/search?lastName=Rivera&limit=10`, headers).finally(() => (searching = false));
      let slowest = 0;
      while (searching) slowest = Math.max(slowest, (await timed(`${server.url}/healthz`, {})).ms);
      health.push(slowest);
      const sr = await inFlight;
      search.push(sr.ms);
      const body = sr.body as { hits?: { related?: unknown }[] } | undefined;
      hits = body?.hits?.length ?? 0;
      related = body?.hits?.[0]?.related;
      const rr = await timed(`${server.url}/api/v1/orders/${ids[k % ids.length]}`, headers);
      read.push(rr.ms);
      pairs = (rr.body as { precedence?: { pairs?: unknown[] } } | undefined)?.precedence?.pairs?.[0];
    }
    const pair = pairs as { relatedOrders?: unknown[]; conflicts?: unknown[]; tooManyRelatedOrders?: unknown } | undefined;
    console.log(
      `  N=${n}: loaded in ${loadSeconds.toFixed(1)} s; ${hits} hits; first hit's related: ${JSON.stringify(related)}; order read: ${pair?.relatedOrders?.length ?? '?'} related orders listed, ${
        pair?.conflicts?.length ?? '-'
      } conflicts${pair?.tooManyRelatedOrders ? `, ${JSON.stringify(pair.tooManyRelatedOrders)}` : ''}`,
    );
    return `| ${n.toLocaleString('en-US')} | ${ms(median(search))} | ${ms(Math.max(...search))} | ${ms(median(read))} | ${ms(Math.max(...read))} | ${ms(median(health))} | ${ms(Math.max(...health))} |`;
  } finally {
    await server.shutdown();
    if (STORE !== 'memory') {
      const pool = new Pool({ connectionString: pgUrl, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }
  }
};

const main = async (): Promise<void> => {
  console.log(`related-orders bench: store ${STORE}, ${RUNS} runs per figure, N = ${SIZES.join(', ')}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rows: string[] = [];
  for (const n of SIZES) rows.push(await run(n));
  console.log('\n| orders about the pair | search p50 | search max | order read p50 | order read max | slowest /healthz during a search, p50 | max |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
