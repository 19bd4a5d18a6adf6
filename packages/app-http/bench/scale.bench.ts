/**
 * Scale benchmark (issue 18, ADR 0061): requests per second for searches and for adds with one
 * registry process and with `ccpor serve --workers 2`, on the same PostgreSQL schema, side by
 * side in one run. Real `ccpor serve` processes (the built command line) and autocannon in a
 * process of its own (load-generator.js), all on this machine's cores.
 *
 *   npm run bench:scale -w @ccpor/app-http      (needs `npm run build` first)
 *   BENCH_SCALE_ORDERS=5000 BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_WARMUP_SECONDS=3
 *
 * Searches: GET /api/v1/search by a restrained person's surname, first name and exact DOB of the
 * seeded demo orders (the NCIC-style shape; phonetic ∪ trigram on the views). Adds: POST
 * /api/v1/orders with a court clerk's API key (decode, authorize, audit, load, decide, append).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import pino from 'pino';
import type { OrderId, Ori } from '@ccpor/domain';
import { buildContainer, closeServices, resolveServices } from '../src/composition/container';
import { loadConfig } from '../src/config/config';
import { demoOrder } from '../src/demo/demo-orders';
import { baseEnv, dropSchema, prepareSchema, startRegistry, throwawaySchema, type RegistryProcess } from '../src/scale/__tests__/registry-process';

const ORDERS = Number(process.env.BENCH_SCALE_ORDERS ?? 3000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

interface RunOptions {
  readonly url: string;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly paths?: readonly string[];
  readonly bodies?: readonly string[];
}

const runFor = (opts: RunOptions, duration: number) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    const file = join(tmpdir(), `ccpor-scale-bench-${process.pid}-${randomBytes(3).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify({ ...opts, connections: CONNECTIONS, duration }));
    const child = spawn(process.execPath, [join(__dirname, 'load-generator.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('exit', () => rmSync(file, { force: true }));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as autocannon.Result) : reject(new Error(`load generator exited ${code}`))));
  });

const measure = async (opts: RunOptions): Promise<autocannon.Result> => {
  if (WARMUP_SECONDS > 0) await runFor(opts, WARMUP_SECONDS);
  return runFor(opts, SECONDS);
};

interface Row {
  readonly setup: string;
  readonly route: string;
  readonly r: autocannon.Result;
}

const main = async (): Promise<void> => {
  console.log(`${new Date().toISOString()}  Node ${process.version}, ${cpus().length} CPUs, load average ${load()}`);
  const schema = throwawaySchema('scale_bench');
  try {
    const { keys } = await prepareSchema(schema);
    const now = new Date().toISOString();
    // Seed through the command handler (as `serve --seed-demo` does, without its generated images),
    // so the views are the projector's own.
    const s = await resolveServices(buildContainer(loadConfig(baseEnv(schema)), { logger: pino({ level: 'silent' }) }));
    const t0 = Date.now();
    for (let i = 0; i < ORDERS; i++) {
      const { details, agencyOri } = demoOrder(i, now);
      await s.commands.handle(
        { type: 'AddOrder', orderId: s.ids.newId() as OrderId, enteringAgencyOri: agencyOri as Ori, details, source: { kind: 'registry' } },
        { actor: { userId: 'bench-seed', agencyOri, roles: ['court-clerk'], kind: 'system' } },
      );
    }
    const head = await s.store.headPosition();
    if (head) await s.search.waitFor(head, 120_000);
    await closeServices(s);
    console.log(`seeded ${fmt(ORDERS)} demo orders in ${((Date.now() - t0) / 1000).toFixed(1)} s (schema ${schema})`);

    const court = Object.keys(keys)[0]!;
    const headers = { authorization: `Bearer ${keys[court]!}` };
    const paths: string[] = [];
    const bodies: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const { details, agencyOri } = demoOrder(i, now);
      const p = details.restrainedPerson;
      if (i < 2000) paths.push(`/api/v1/search?lastName=${encodeURIComponent(p.name.last)}&firstName=${encodeURIComponent(p.name.first ?? '')}&dateOfBirth=${p.dateOfBirth ?? ''}`);
      if (agencyOri === court && details.sealed !== true && bodies.length < 2000) bodies.push(JSON.stringify({ details }));
    }

    const rows: Row[] = [];
    for (const setup of ['1 process', '--workers 2'] as const) {
      const env = baseEnv(schema, { CCPOR_PG_POOL_SIZE: '10', CCPOR_LOG_LEVEL: 'error', CCPOR_LOGIN_RATE_PER_MINUTE: '20' });
      const registry: RegistryProcess = await startRegistry(env, setup === '1 process' ? [] : ['--workers', '2']);
      try {
        // Give every worker time to listen before the load starts.
        await new Promise((r) => setTimeout(r, 1500));
        rows.push({ setup, route: 'search', r: await measure({ url: registry.url, headers, paths }) });
        rows.push({ setup, route: 'add', r: await measure({ url: `${registry.url}/api/v1/orders`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, bodies }) });
      } finally {
        await registry.stop();
      }
      console.log(`${setup}: done (load average ${load()})`);
    }

    console.log(`\nrequests per second, ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up; ${fmt(ORDERS)} seeded orders; one PostgreSQL schema`);
    console.log('| route | setup | req/s | p50 ms | p99 ms | 2xx | non-2xx | errors |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const { setup, route, r } of rows) console.log(`| ${route} | ${setup} | ${fmt(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r['2xx']} | ${r.non2xx} | ${r.errors} |`);
    for (const route of ['search', 'add']) {
      const [one, two] = rows.filter((x) => x.route === route);
      if (one && two) console.log(`${route}: --workers 2 gives ${(two.r.requests.average / Math.max(1, one.r.requests.average)).toFixed(2)}× one process`);
    }
    console.log(`load average at the end ${load()}`);
  } finally {
    await dropSchema(schema);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
