/**
 * Statewide search at scale on PostgreSQL: loads BENCH_SEARCH_ORDERS synthetic orders (default
 * 2,000,000) straight into the view tables of a throw-away schema, builds the indexes (timed),
 * then runs typo'd queries of each production shape and prints latency and recall.
 *
 *   npm run bench:search -w @ccpor/adapters
 *   BENCH_SEARCH_ORDERS=200000 BENCH_SEARCH_QUERIES=300 npm run bench:search -w @ccpor/adapters
 *
 * Rows are written directly (by the projection's own handler, see search-bench-rows.ts), not
 * through the event log and the projector: that is the rebuild benchmark's job, and it would
 * take this one from minutes to hours. Each query takes a sampled order's restrained person as
 * entered, applies one random edit to the surname (deletion, substitution or insertion), and
 * keeps the first name and DOB; recall is the share of queries whose order is in the first page
 * (20 hits). "DB" times are PostgreSQL's own execution time (EXPLAIN ANALYZE, timing off);
 * "client" times are searchOrders() round trips through `pg` on the same machine.
 */
import { cpus, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { postgresDatabase } from '../src/event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../src/event-store/postgres/throwaway-schema';
import { inSchema } from '../src/sql/schema-name';
import { migrateViews } from '../src/projections/migrate-views';
import { ORDER_SEARCH_COLUMNS } from '../src/projections/order-search-row';
import { protectedPersonRows } from '../src/projections/protected-person-rows';
import { searchOrders } from '../src/search/search-orders';
import { decodeSearchQuery } from '../src/search/search-query';
import { buildSearch } from '../src/search/search-sql';
import { Prng, SyntheticOrders, typo, type SyntheticOrder, type TypoKind } from '../../test-kit/src/synthetic';
import { benchRow } from './search-bench-rows';

const ORDERS = Number(process.env.BENCH_SEARCH_ORDERS ?? 2_000_000);
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 300);
const SEED = process.env.BENCH_SEED ?? 'ccpor-search-bench';
const BATCH = 10_000;
const NOW = '2026-06-01T12:00:00Z';

const connection = testPostgresConfig();
const schema = throwawaySchemaName('bench_search');
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};
const seconds = (since: number): number => (performance.now() - since) / 1000;

interface Sample {
  readonly order: SyntheticOrder;
}

const EDITS: readonly TypoKind[] = ['deletion', 'substitution', 'insertion'];

const main = async (): Promise<void> => {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${fmt(ORDERS)} orders, ${QUERIES} queries per shape`);
  const pool = new Pool({ ...connection, max: 2 });
  const db = postgresDatabase(pool);
  try {
    await migrateViews(db, schema);
    const s = (sql: string): string => inSchema(sql, schema);
    // Build the secondary indexes after the load, as a rebuild from scratch would, and time each.
    const indexes = (
      await db.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename IN ('order_search', 'order_search_protected') AND indexname NOT LIKE '%pkey'",
        [schema],
      )
    ).rows;
    for (const i of indexes) await db.query(`DROP INDEX "${schema}"."${i.indexname}"`);

    const generator = new SyntheticOrders({ seed: SEED, validate: false });
    const rng = new Prng(`${SEED}-rows`);
    const every = Math.max(1, Math.floor(ORDERS / QUERIES));
    const samples: Sample[] = [];
    const columns = ORDER_SEARCH_COLUMNS.join(', ');
    let generateSeconds = 0;
    let loadSeconds = 0;
    for (let done = 0; done < ORDERS; done += BATCH) {
      let t = performance.now();
      const rows = [];
      const people = [];
      for (let i = done; i < Math.min(ORDERS, done + BATCH); i++) {
        const order = generator.next();
        const row = benchRow(order, i, rng);
        rows.push(row);
        people.push(...protectedPersonRows(row));
        if (i % every === 0 && samples.length < QUERIES) samples.push({ order });
      }
      generateSeconds += seconds(t);
      t = performance.now();
      await db.query(s(`INSERT INTO {{schema}}.order_search (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::{{schema}}.order_search, $1::json)`), [
        JSON.stringify(rows),
      ]);
      await db.query(s('INSERT INTO {{schema}}.order_search_protected SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_search_protected, $1::json)'), [
        JSON.stringify(people),
      ]);
      loadSeconds += seconds(t);
      if ((done / BATCH) % 20 === 0) process.stdout.write(`\r  loaded ${fmt(done + rows.length)} orders`);
    }
    process.stdout.write('\n');
    const counts = (await db.query<{ orders: string; people: string }>(s('SELECT (SELECT count(*) FROM {{schema}}.order_search) AS orders, (SELECT count(*) FROM {{schema}}.order_search_protected) AS people'))).rows[0]!;
    console.log(`| step | time | detail |\n|---|---|---|`);
    console.log(`| generate synthetic orders and view rows (Node) | ${fmt(generateSeconds, 1)} s | ${fmt(ORDERS / generateSeconds)} orders/s |`);
    console.log(`| load rows (json_populate_recordset, ${fmt(BATCH)} per statement, no secondary indexes) | ${fmt(loadSeconds, 1)} s | ${fmt(Number(counts.orders))} orders, ${fmt(Number(counts.people))} protected persons |`);
    // Index builds may use more memory than a query; this is a session setting, not the server's.
    const client = await pool.connect();
    try {
      await client.query("SET maintenance_work_mem = '512MB'");
      for (const i of indexes) {
        const t = performance.now();
        await client.query(i.indexdef);
        console.log(`| index ${i.indexname} | ${fmt(seconds(t), 1)} s | |`);
      }
      const t = performance.now();
      await client.query(s('ANALYZE {{schema}}.order_search, {{schema}}.order_search_protected'));
      console.log(`| ANALYZE | ${fmt(seconds(t), 1)} s | |`);
    } finally {
      client.release();
    }
    const sizes = (await db.query<{ name: string; size: string }>(
      "SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname IN ('order_search', 'order_search_protected')",
      [schema],
    )).rows;
    console.log(`sizes with indexes: ${sizes.map((r) => `${r.name} ${r.size}`).join(', ')}`);

    const queryRng = new Prng(`${SEED}-queries`);
    const typoQuery = (o: SyntheticOrder) => ({
      lastName: typo(o.details.restrainedPerson.name.last, queryRng.pick(EDITS), queryRng),
      firstName: o.details.restrainedPerson.name.first,
      dateOfBirth: o.details.restrainedPerson.dateOfBirth!,
    });
    const shapes: { readonly name: string; readonly queries: readonly { query: Record<string, unknown>; orderId: string }[] }[] = [
      { name: 'restrained, exact DOB, typo in surname', queries: samples.map(({ order }) => ({ query: typoQuery(order), orderId: order.orderId })) },
      { name: 'restrained, DOB ±1 year, typo in surname', queries: samples.map(({ order }) => ({ query: { ...typoQuery(order), dobYears: 1 }, orderId: order.orderId })) },
      {
        name: 'restrained, no DOB, typo in surname + first name',
        queries: samples.map(({ order }) => {
          const { dateOfBirth: _d, ...q } = typoQuery(order);
          return { query: q, orderId: order.orderId };
        }),
      },
      {
        name: 'protected person, exact DOB, typo in surname',
        queries: samples.map(({ order }) => {
          const p = order.details.protectedPersons[0]!;
          return {
            query: { role: 'protected', lastName: typo(p.name.last, queryRng.pick(EDITS), queryRng), firstName: p.name.first, dateOfBirth: p.dateOfBirth! },
            orderId: order.orderId,
          };
        }),
      },
      { name: 'case number', queries: samples.map(({ order }) => ({ query: { caseNumber: order.details.caseNumber }, orderId: order.orderId })) },
    ];

    console.log('\n| query shape | client p50 | p95 | p99 | DB p50 | p95 | p99 | recall (top 20) | mean hits |\n|---|---|---|---|---|---|---|---|---|');
    for (const shape of shapes) {
      // Warm the caches once, as a registry in service would be.
      for (const { query } of shape.queries) await searchOrders(db, query, { now: NOW, schema });
      const client: number[] = [];
      const server: number[] = [];
      let found = 0;
      let hits = 0;
      for (const { query, orderId } of shape.queries) {
        const t = performance.now();
        const page = await searchOrders(db, query, { now: NOW, schema });
        client.push(performance.now() - t);
        if (E.isLeft(page)) throw new Error(page.left.message);
        hits += page.right.hits.length;
        if (page.right.hits.some((h) => h.orderId === orderId)) found++;
        const decoded = decodeSearchQuery(query);
        if (E.isLeft(decoded)) throw new Error(decoded.left.message);
        const built = buildSearch(decoded.right, schema, NOW, 20, undefined);
        const plan = (await db.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${built.text}`, built.values)).rows[0]!;
        server.push(plan['QUERY PLAN'][0]['Execution Time']);
      }
      const ms = (v: number): string => `${fmt(v, 2)} ms`;
      console.log(
        `| ${shape.name} | ${ms(percentile(client, 0.5))} | ${ms(percentile(client, 0.95))} | ${ms(percentile(client, 0.99))} | ${ms(percentile(server, 0.5))} | ${ms(percentile(server, 0.95))} | ${ms(percentile(server, 0.99))} | ${fmt((100 * found) / shape.queries.length, 1)}% | ${fmt(hits / shape.queries.length, 1)} |`,
      );
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await pool.end();
    if (process.env.BENCH_KEEP !== '1') await dropSchema(connection, schema);
    else console.log(`kept schema ${schema}`);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
