/**
 * HTTP benchmark on loopback: commands/s (POST /api/v1/orders, one event each, through decode,
 * authorize, audit, load, decide, append, respond) and searches/s (GET /api/v1/search by a
 * restrained person's surname with a one-letter typo, first name and exact DOB, on the SQL
 * views), p50/p99, with autocannon in a separate process against a real `startServer`.
 *
 *   npm run bench -w @ccpor/app-http
 *   BENCH_ORDERS=2000000 BENCH_SECONDS=10 BENCH_CONNECTIONS=50 [BENCH_KEEP=1] npm run bench -w @ccpor/app-http
 *   (BENCH_PG_POOL, default 20: the server's CCPOR_PG_POOL_SIZE; BENCH_WARMUP_SECONDS, default 5)
 *
 * The search views (order search, protected persons, party index) are loaded with BENCH_ORDERS
 * synthetic orders (default 2,000,000) straight into their tables of a throw-away PostgreSQL schema (rows made by the projection's own handler,
 * as in the adapters' search benchmark), with the secondary indexes built after the load; going
 * through the command handler would take hours at this size. Those orders have no events in the
 * log; the server's projector applies only what the benchmark itself writes. PostgreSQL from
 * CCPOR_TEST_PG_URL (default postgres@127.0.0.1:5432/test). BENCH_SCHEMA=<kept schema> skips the
 * load and samples the queries from the views already there (the same seed gives the same paths).
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import pino from 'pino';
import { Pool } from 'pg';
import { inSchema, migrateViews, ORDER_SEARCH_COLUMNS, partyPairRows, postgresDatabase, protectedPersonRows } from '@ccpor/adapters';
import { Prng, SyntheticOrders, typo, type TypoKind } from '../../test-kit/src/synthetic';
import { benchRow } from '../../adapters/bench/search-bench-rows';
import { loadConfig } from '../src/config/config';
import { seedDemo } from '../src/demo/seed-demo';
import { demoOrder } from '../src/demo/demo-orders';
import { SYSTEM_ACTOR } from '../src/identity/identity-service';
import { startServer } from '../src/server/start-server';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 2_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** CCPOR_PG_POOL_SIZE of the server under test (the registry's default, 20, unless set). */
const POOL = process.env.BENCH_PG_POOL ?? '20';
/** Each route runs this long first, unmeasured, so the figures are of a warm server and database. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const QUERIES = 2000;
/** Distinct order bodies the command run cycles through (a court clerk may not enter sealed ones, nor another court's). */
const COMMAND_BODIES = 4000;
const BATCH = 10_000;
const SEED = 'ccpor-http-bench';
const pgUrl = process.env.CCPOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** BENCH_SCHEMA names a schema a BENCH_KEEP=1 run left behind: its views are used as they are, not reloaded. */
const reused = process.env.BENCH_SCHEMA;
const schema = reused ?? `ccpor_bench_${randomBytes(4).toString('hex')}`;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
const EDITS: readonly TypoKind[] = ['deletion', 'substitution', 'insertion'];

/** Loads the view tables of `schema` with synthetic orders; returns typo'd search paths sampled from them. */
const loadViews = async (pool: Pool): Promise<string[]> => {
  const db = postgresDatabase(pool);
  await migrateViews(db, schema);
  const s = (sql: string): string => inSchema(sql, schema);
  const indexes = (
    await db.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename IN ('order_search', 'order_search_protected', 'order_party_pair') AND indexname NOT LIKE '%pkey'",
      [schema],
    )
  ).rows;
  for (const i of indexes) await db.query(`DROP INDEX "${schema}"."${i.indexname}"`);
  const generator = new SyntheticOrders({ seed: SEED, validate: false });
  const rng = new Prng(`${SEED}-rows`);
  const queryRng = new Prng(`${SEED}-queries`);
  const every = Math.max(1, Math.floor(ORDERS / QUERIES));
  const paths: string[] = [];
  const columns = ORDER_SEARCH_COLUMNS.join(', ');
  const started = performance.now();
  for (let done = 0; done < ORDERS; done += BATCH) {
    const rows = [];
    const people = [];
    // The party index too: the related-orders statements of every add and search page read it,
    // and its plans depend on its size.
    const pairs = [];
    for (let i = done; i < Math.min(ORDERS, done + BATCH); i++) {
      const order = generator.next();
      const row = benchRow(order, i, rng);
      rows.push(row);
      people.push(...protectedPersonRows(row));
      pairs.push(...partyPairRows(row));
      if (i % every === 0 && paths.length < QUERIES) {
        const rp = order.details.restrainedPerson;
        const last = typo(rp.name.last, queryRng.pick(EDITS), queryRng);
        paths.push(`/api/v1/search?lastName=${encodeURIComponent(last)}&firstName=${encodeURIComponent(rp.name.first)}&dateOfBirth=${rp.dateOfBirth ?? ''}`);
      }
    }
    await db.query(s(`INSERT INTO {{schema}}.order_search (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::{{schema}}.order_search, $1::json)`), [JSON.stringify(rows)]);
    await db.query(s('INSERT INTO {{schema}}.order_search_protected SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_search_protected, $1::json)'), [JSON.stringify(people)]);
    await db.query(s('INSERT INTO {{schema}}.order_party_pair SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_party_pair, $1::json)'), [JSON.stringify(pairs)]);
    if ((done / BATCH) % 20 === 0) process.stderr.write(`\r  loaded ${fmt(done + rows.length)} orders`);
  }
  process.stderr.write('\n');
  const loaded = (performance.now() - started) / 1000;
  const client = await pool.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    const t = performance.now();
    for (const i of indexes) await client.query(i.indexdef);
    await client.query(s('ANALYZE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair'));
    console.log(`views: ${fmt(ORDERS)} synthetic orders loaded in ${loaded.toFixed(0)} s, ${indexes.length} indexes built and analysed in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } finally {
    client.release();
  }
  return paths;
};

/** Typo'd search paths from the orders of a kept schema, without loading anything. */
const samplePaths = async (pool: Pool): Promise<string[]> => {
  const queryRng = new Prng(`${SEED}-queries`);
  const rows = (
    await pool.query<{ last_name: string; first_name: string; dob: string }>(
      inSchema(
        "SELECT r_last AS last_name, r_first AS first_name, to_char(r_dob, 'YYYY-MM-DD') AS dob FROM {{schema}}.order_search TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE r_dob IS NOT NULL AND r_last IS NOT NULL AND NOT sealed LIMIT $1",
        schema,
      ),
      [QUERIES],
    )
  ).rows;
  console.log(`views: reusing schema ${schema}; ${rows.length} queries sampled`);
  return rows.map((r) => `/api/v1/search?lastName=${encodeURIComponent(typo(r.last_name, queryRng.pick(EDITS), queryRng))}&firstName=${encodeURIComponent(r.first_name)}&dateOfBirth=${r.dob}`);
};

/** autocannon in its own process (load-generator.js). */
interface RunOptions {
  readonly url: string;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly paths?: readonly string[];
  readonly bodies?: readonly string[];
}

/** A warm-up of WARMUP_SECONDS, then the measured run. */
const run = async (opts: RunOptions): Promise<autocannon.Result> => {
  if (WARMUP_SECONDS > 0) await runFor(opts, WARMUP_SECONDS);
  return runFor(opts, SECONDS);
};

const runFor = (opts: RunOptions, duration: number) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    // Through a file: two thousand search paths are more than an argument list may hold.
    const file = join(tmpdir(), `ccpor-bench-${process.pid}-${randomBytes(3).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify({ ...opts, connections: CONNECTIONS, duration }));
    const child = spawn(process.execPath, [join(__dirname, 'load-generator.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('exit', () => rmSync(file, { force: true }));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as autocannon.Result) : reject(new Error(`load generator exited ${code}`))));
  });

const main = async (): Promise<void> => {
  console.log(`${new Date().toISOString()}  Node ${process.version}, ${cpus().length} CPUs, load average ${load()}`);
  const pool = new Pool({ connectionString: pgUrl, max: 2 });
  try {
    const paths = reused === undefined ? await loadViews(pool) : await samplePaths(pool);
    const config = loadConfig({ CCPOR_STORE: pgUrl, CCPOR_PG_SCHEMA: schema, CCPOR_PG_POOL_SIZE: POOL, CCPOR_PORT: '0', CCPOR_LOG_LEVEL: 'silent' });
    const buffers = (await pool.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]?.shared_buffers;
    const running = await startServer(config, { logger: pino({ level: 'silent' }) });
    const s = running.services;
    await seedDemo(s, 100);
    const key = await s.identity.issueApiKey({ agencyOri: 'CA019015J', label: 'bench', roles: ['court-clerk'] }, SYSTEM_ACTOR);
    const headers = { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' };
    // Orders about different people: the same pair again and again would make every add's
    // conflict check (ADR 0040) list all the orders the run had already added about them.
    const bodies: string[] = [];
    for (let i = 1000; bodies.length < COMMAND_BODIES; i++) {
      const { details, agencyOri } = demoOrder(i, s.clock.now());
      // The key's court enters orders in its own name only (ADR 0034).
      if (!details.sealed && agencyOri === 'CA019015J') bodies.push(JSON.stringify({ details }));
    }
    // A search that must find something, as a check that the loaded views answer through the API.
    const probe = await fetch(`${running.url}${paths[0]}`, { headers });
    const probeHits = ((await probe.json()) as { hits: unknown[] }).hits.length;
    console.log(
      `store postgres (schema ${schema}, shared_buffers ${buffers}, pool ${POOL}), ${fmt(await s.search.orderCount())} orders in the views; first sampled query: HTTP ${probe.status}, ${probeHits} hits; ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up and ${SECONDS} s measured per route`,
    );
    const loadBefore = load();
    const baseline = await run({ url: `${running.url}/healthz`, headers: {} });
    const commands = await run({ url: `${running.url}/api/v1/orders`, method: 'POST', headers, bodies });
    const searches = await run({ url: running.url, headers, paths });
    const line = (name: string, r: autocannon.Result): string =>
      `| ${name} | ${fmt(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} | ${r.errors + r.timeouts} |`;
    console.log(`\nload average before the runs: ${loadBefore}; after: ${load()}`);
    console.log('| route | req/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---|---|---|---|---|');
    console.log(line('GET /healthz (yardstick: full middleware chain, trivial handler)', baseline));
    console.log(line(`POST /api/v1/orders (add, 1 event; ${bodies.length} distinct orders)`, commands));
    console.log(line(`GET /api/v1/search (typo'd surname + first name + DOB, ${paths.length} queries)`, searches));
    await running.shutdown();
  } finally {
    // BENCH_KEEP=1 leaves the schema for EXPLAIN afterwards (drop it by hand); a reused one is never dropped.
    if (process.env.BENCH_KEEP === '1' || reused !== undefined) console.log(`kept schema ${schema}`);
    else await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
