/**
 * HTTP benchmark on loopback: commands/s (POST /api/v1/orders, one event each) and searches/s
 * (GET /api/v1/search by restrained person's last name and date of birth), p50/p99, with
 * autocannon against a real `startServer` on the configured store.
 *
 *   BENCH_STORE=postgres|pglite|memory (default postgres, throw-away schema)   BENCH_ORDERS=20000
 *   BENCH_SECONDS=10   BENCH_CONNECTIONS=50
 */
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import type autocannon from 'autocannon';
import pino from 'pino';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { seedDemo } from '../src/demo/seed-demo';
import { demoOrder } from '../src/demo/demo-orders';
import { SYSTEM_ACTOR } from '../src/identity/identity-service';
import { startServer } from '../src/server/start-server';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const orders = Number(process.env.BENCH_ORDERS ?? 20000);
const kind = process.env.BENCH_STORE ?? 'postgres';
const pgUrl = process.env.CCPOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `ccpor_bench_${randomBytes(4).toString('hex')}`;
const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'ccpor-bench-')) : '';

/** autocannon in its own process, so the load generator does not share the server's event loop. */
const run = (opts: { url: string; method?: string; headers: Record<string, string>; body?: string; connections: number; duration: number }) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    const args = [require.resolve('autocannon/autocannon.js'), '-j', '-c', String(opts.connections), '-d', String(opts.duration), '-m', opts.method ?? 'GET'];
    for (const [k, v] of Object.entries(opts.headers)) args.push('-H', `${k}=${v}`);
    if (opts.body) args.push('-b', opts.body);
    args.push(opts.url);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as autocannon.Result) : reject(new Error(`autocannon exited ${code}`))));
  });

const main = async () => {
  const store = kind === 'postgres' ? pgUrl : kind === 'pglite' ? dir : 'memory';
  const config = loadConfig({ CCPOR_STORE: store, CCPOR_PG_SCHEMA: schema, CCPOR_PORT: '0', CCPOR_LOG_LEVEL: 'silent' });
  const running = await startServer(config, { logger: pino({ level: 'silent' }) });
  const s = running.services;
  const loadBefore = loadavg();
  const started = Date.now();
  await seedDemo(s, orders);
  const seedSeconds = (Date.now() - started) / 1000;
  const key = await s.identity.issueApiKey({ agencyOri: 'CA019015J', label: 'bench', roles: ['court-clerk'] }, SYSTEM_ACTOR);
  const headers = { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' };
  const sample = demoOrder(7, s.clock.now());
  const body = JSON.stringify({ details: sample.details });

  const baseline = await run({ url: `${running.url}/healthz`, headers: {}, connections, duration: seconds });
  const commands = await run({ url: `${running.url}/api/v1/orders`, method: 'POST', headers, body, connections, duration: seconds });
  const rp = sample.details.restrainedPerson;
  const search = await run({
    url: `${running.url}/api/v1/search?lastName=${encodeURIComponent(rp.name.last)}&dateOfBirth=${rp.dateOfBirth ?? ''}&limit=20`,
    headers,
    connections,
    duration: seconds,
  });
  const line = (name: string, r: autocannon.Result) =>
    `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`;
  console.log(`\nload average before: ${loadBefore.map((l) => l.toFixed(1)).join(' ')}; after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`store ${kind}, ${await s.search.orderCount()} orders in the view (seeded ${orders} in ${seedSeconds.toFixed(1)} s), ${connections} connections, ${seconds} s each, Node ${process.version}`);
  console.log('| route | req/s | p50 ms | p99 ms | non-2xx |\n|---|---|---|---|---|');
  console.log(line('GET /healthz (full middleware chain, trivial handler)', baseline));
  console.log(line('POST /api/v1/orders (add, 1 event)', commands));
  console.log(line('GET /api/v1/search (last name + DOB)', search));
  await running.shutdown();
  if (kind === 'postgres') {
    const c = new Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
