/**
 * The reports at scale on PostgreSQL (issue 16): BENCH_REPORT_ORDERS orders (default 2,000,000)
 * generated straight into the report views of a throw-away schema with generate_series — the
 * order rows, the month, in-force and event counters as the projection would have kept them, the
 * access counters, and the CARPOS gateway's deadlines — then every report run with several filter
 * shapes, each BENCH_REPORT_RUNS times (default 5), timed as the route calls it (client round trips).
 *
 *   npm run bench:reports -w @ccpor/adapters
 *   BENCH_REPORT_ORDERS=200000 npm run bench:reports -w @ccpor/adapters
 *
 * The search's own indexes (names, phonetics, trigrams) are dropped: they serve the search, not a
 * report, and building them would take the load from minutes to much longer (bench:search times them).
 */
import { cpus, loadavg } from 'node:os';
import { Pool } from 'pg';
import { runMigrations } from '../src/sql/migration-runner';
import { postgresDatabase } from '../src/event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../src/event-store/postgres/throwaway-schema';
import { inSchema } from '../src/sql/schema-name';
import { carposGatewayMigrations } from '../src/carpos-gateway/gateway-migrations';
import { migrateViews } from '../src/projections/migrate-views';
import { accessReport } from '../src/reports/access-report';
import { dataQualityReport } from '../src/reports/data-quality-report';
import { expiringReport } from '../src/reports/expiring-report';
import { rejectsReport } from '../src/reports/rejects-report';
import type { ReportFilter, ReportSource } from '../src/reports/report-filter';
import { serviceReport } from '../src/reports/service-report';
import { statisticalReport } from '../src/reports/statistical-report';
import { timelinessReport } from '../src/reports/timeliness-report';

const ORDERS = Number(process.env.BENCH_REPORT_ORDERS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const NOW = '2026-12-01T20:00:00Z';
const COURTS = 58;

const connection = testPostgresConfig();
/** BENCH_REPORT_SCHEMA reuses a schema a run left loaded (BENCH_REPORT_KEEP=1 keeps it), to measure again without loading. */
const reuse = process.env.BENCH_REPORT_SCHEMA;
const keep = process.env.BENCH_REPORT_KEEP === '1' || reuse !== undefined;
const schema = reuse ?? throwawaySchemaName('bench_reports');
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (since: number): number => (performance.now() - since) / 1000;

/** The generated orders: 58 courts (county = court number), 12 types, five years of issue dates. */
const LOAD_ORDERS = `
INSERT INTO {{schema}}.order_search (order_id, stream_version, last_position, last_recorded_at, entering_ori, court_ori, county, case_number, form,
  order_type, stage, category, status, issued_at, expires_at, sealed, image_count, doj_status, created_at, added_at, doj_deadline, doj_acknowledged_at)
SELECT md5(i::text)::uuid, 3, lpad(i::text, 20, '0'), issued + interval '1 hour', court, court, county, 'BENCH-' || i, 'DV-130',
  (ARRAY['DV','CH','EA','WV','GV','CPO','JV','EPO','SV','RT','OOS','CAN'])[1 + i % 12], (ARRAY['temporary','after-hearing','emergency'])[1 + i % 3], 'civil',
  status, CASE WHEN status = 'draft' THEN NULL ELSE issued END,
  CASE WHEN status = 'draft' THEN NULL ELSE issued + (interval '1 day' * (30 + (i::bigint * 7919) % 1500)) END,
  i % 100 = 0, CASE WHEN i % 25 = 0 THEN 0 ELSE 1 END, 'acknowledged', issued - interval '10 minutes',
  CASE WHEN status = 'draft' THEN NULL ELSE issued + interval '30 minutes' END,
  CASE WHEN status = 'draft' THEN NULL ELSE issued + interval '1 day' END,
  CASE WHEN status = 'draft' OR i % 50 = 0 THEN NULL ELSE issued + (interval '1 minute' * (20 + (i::bigint * 104729) % 2000)) END
FROM (
  SELECT i,
    'CA' || lpad((1 + i % ${COURTS})::text, 3, '0') || '015J' AS court,
    lpad((1 + i % ${COURTS})::text, 2, '0') AS county,
    timestamptz '${NOW}' - (interval '1 minute' * ((i::bigint * 2654435761) % (5 * 365 * 1440))) AS issued,
    CASE WHEN i % 50 = 1 THEN 'draft' WHEN i % 8 = 0 THEN 'canceled' WHEN i % 3 = 0 THEN 'active' ELSE 'served' END AS status
  FROM generate_series(1, $1::int) AS i
) AS g`;

/** The counters the projection keeps, as it would have kept them for those rows (report-counts.ts). */
const LOAD_COUNTERS = `
INSERT INTO {{schema}}.order_month_counts (measure, month, county, court_ori, order_type, stage, orders)
SELECT m.measure, m.month, county, court_ori, order_type, stage, count(*)
FROM {{schema}}.order_search
CROSS JOIN LATERAL (VALUES ('issued', to_char(issued_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM')),
                           ('entered', to_char(added_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'))) AS m(measure, month)
WHERE status IN ('active', 'served', 'canceled') GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO {{schema}}.order_in_force_counts (expiry_month, county, court_ori, order_type, stage, orders)
SELECT coalesce(to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM'), ''), county, court_ori, order_type, stage, count(*)
FROM {{schema}}.order_search WHERE status IN ('active', 'served') GROUP BY 1, 2, 3, 4, 5`;

const LOAD_EVENT_COUNTS = `
INSERT INTO {{schema}}.order_event_counts (kind, month, county, court_ori, order_type, stage, reason, events)
SELECT kind, month, county, court_ori, order_type, stage, reason, count(*) FROM (
  SELECT 'canceled' AS kind, to_char(issued_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM') AS month, county, court_ori, order_type, stage,
         (ARRAY['terminated-by-court','entered-in-error','superseded','other'])[1 + abs(hashtext(order_id::text)) % 4] AS reason
  FROM {{schema}}.order_search WHERE status = 'canceled'
  UNION ALL
  SELECT 'renewed', to_char(expires_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'), county, court_ori, order_type, stage, ''
  FROM {{schema}}.order_search WHERE status IN ('active', 'served') AND abs(hashtext(order_id::text)) % 10 = 0
  UNION ALL
  SELECT 'rejected', to_char(issued_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'), county, court_ori, order_type, stage,
         'E0' || lpad((abs(hashtext(order_id::text)) % 40)::text, 2, '0')
  FROM {{schema}}.order_search WHERE status <> 'draft' AND abs(hashtext(order_id::text)) % 20 = 0
) AS e GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** A year of access decisions: 58 agencies × 25 users; a user has a denial or a sealed read on one day in ten. */
const LOAD_ACCESS = `
INSERT INTO {{schema}}.access_counts (day, agency_ori, user_id, kind, action, events)
SELECT to_char(date '2026-12-01' - d, 'YYYY-MM-DD'), 'CA' || lpad(a::text, 3, '0') || '015J', 'user-' || a || '-' || u, k, 'order.read', 1 + (d + a + u) % 3
FROM generate_series(0, 364) AS d, generate_series(1, ${COURTS}) AS a, generate_series(1, 25) AS u, unnest(ARRAY['denied', 'sealed-read']) AS k
WHERE (d * 7 + a * 13 + u * 3 + length(k)) % 10 = 0`;

/** The gateway's deadlines: the enter of every order sent a few minutes after issue, some late; awaiting data for a few. */
const LOAD_GATEWAY = `
INSERT INTO {{schema}}.carpos_deadlines (order_id, deadline_id, purpose, transaction, started_at, due_at, sent_at, acknowledged_at, withdrawn)
SELECT order_id::text, 'd1', 'issue', 'enter', issued_at, doj_deadline,
  CASE WHEN abs(hashtext(order_id::text)) % 40 = 0 THEN NULL ELSE issued_at + (interval '1 minute' * (1 + abs(hashtext(order_id::text)) % 1600)) END,
  doj_acknowledged_at, false
FROM {{schema}}.order_search WHERE doj_deadline IS NOT NULL;
INSERT INTO {{schema}}.carpos_outbox (event_id, order_id, stream_version, transaction, message, status, event_recorded_at)
SELECT 'bench-' || order_id, order_id::text, 1, 'enter', '{}'::jsonb, 'awaiting-data', now() FROM {{schema}}.order_search WHERE doj_acknowledged_at IS NULL AND status = 'active' LIMIT 5000`;

interface Shape {
  readonly name: string;
  readonly filter: ReportFilter;
  readonly by?: 'month' | 'court';
}

const SHAPES: readonly Shape[] = [
  { name: 'statewide, all dates', filter: { now: NOW } },
  { name: 'statewide, last 12 months', filter: { now: NOW, from: '2025-12-01', to: '2026-11-30' } },
  { name: 'one county, all dates', filter: { now: NOW, counties: ['19'] } },
  { name: 'one court, one order type, last 12 months', filter: { now: NOW, courts: ['CA019015J'], orderTypes: ['DV'], from: '2025-12-01', to: '2026-11-30' } },
  { name: 'statewide, a supervisor (sealed orders of others taken off)', filter: { now: NOW, visibility: { sealed: 'own', agencyOri: 'CA019015J' } } },
];

const REPORTS: readonly { readonly name: string; readonly run: (src: ReportSource, f: ReportFilter) => Promise<unknown> }[] = [
  { name: 'statistical by month', run: (src, f) => statisticalReport(src, f, 'month') },
  { name: 'statistical by court', run: (src, f) => statisticalReport(src, f, 'court') },
  { name: 'timeliness (with CLETS sends)', run: timelinessReport },
  { name: 'service', run: serviceReport },
  { name: 'expiring', run: expiringReport },
  { name: 'rejects', run: rejectsReport },
  { name: 'data quality (with awaiting DOJ fields)', run: dataQualityReport },
  { name: 'access', run: (src, f) => accessReport(src, f) },
];

const load = async (db: ReturnType<typeof postgresDatabase>): Promise<void> => {
  await migrateViews(db, schema);
  await runMigrations(db, schema, carposGatewayMigrations);
  const s = (sql: string): string => inSchema(sql, schema);
  const searchIndexes = (
    await db.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'order_search' AND (indexname LIKE '%trgm' OR indexname LIKE '%_dob' OR indexname IN ('order_search_case_key', 'order_search_fcn', 'order_search_image_shas'))",
      [schema],
    )
  ).rows;
  for (const i of searchIndexes) await db.query(`DROP INDEX "${schema}"."${i.indexname}"`);
  console.log('| load step | time |\n|---|---|');
  for (const [step, sql, params] of [
    ['order rows (generate_series)', LOAD_ORDERS, [ORDERS]],
    ['order_month_counts and order_in_force_counts', LOAD_COUNTERS, []],
    ['order_event_counts', LOAD_EVENT_COUNTS, []],
    ['access_counts', LOAD_ACCESS, []],
    ['gateway deadlines and awaiting data', LOAD_GATEWAY, []],
  ] as const) {
    const t = performance.now();
    for (const statement of sql.split(';\n')) await db.query(s(statement), [...params]);
    console.log(`| ${step} | ${fmt(seconds(t), 1)} s |`);
  }
  const t = performance.now();
  await db.query(s('VACUUM ANALYZE {{schema}}.order_search'));
  await db.query(s('ANALYZE {{schema}}.order_month_counts, {{schema}}.order_in_force_counts, {{schema}}.order_event_counts, {{schema}}.access_counts, {{schema}}.carpos_deadlines, {{schema}}.carpos_outbox'));
  console.log(`| VACUUM ANALYZE | ${fmt(seconds(t), 1)} s |`);
  const sizes = (
    await db.query<{ name: string; rows: string; size: string }>(
      "SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname IN ('order_search', 'order_month_counts', 'order_in_force_counts', 'order_event_counts', 'access_counts', 'carpos_deadlines') ORDER BY 1",
      [schema],
    )
  ).rows;
  console.log(`tables: ${sizes.map((r) => `${r.name} ${fmt(Number(r.rows))} rows ${r.size}`).join('; ')}`);
};

const main = async (): Promise<void> => {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${fmt(ORDERS)} orders, ${RUNS} runs per report and shape`);
  const pool = new Pool({ ...connection, max: 2 });
  const db = postgresDatabase(pool);
  try {
    if (reuse === undefined) await load(db);
    const src: ReportSource = { db, schema, carposSchema: schema };
    console.log(`\n| report | ${SHAPES.map((x) => x.name).join(' | ')} |\n|---|${SHAPES.map(() => '---|').join('')}`);
    let worst = 0;
    for (const report of REPORTS) {
      const cells: string[] = [];
      for (const shape of SHAPES) {
        await report.run(src, shape.filter); // warm the cache and the plan
        const times: number[] = [];
        for (let r = 0; r < RUNS; r++) {
          const started = performance.now();
          await report.run(src, shape.filter);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)]!;
        worst = Math.max(worst, times[times.length - 1]!);
        cells.push(`${fmt(median)} ms (max ${fmt(times[times.length - 1]!)})`);
      }
      console.log(`| ${report.name} | ${cells.join(' | ')} |`);
    }
    console.log(`\nslowest single run: ${fmt(worst)} ms; goal under 1,000 ms per report: ${worst < 1000 ? 'met' : 'not met'}; load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await pool.end();
    if (keep) console.log(`schema ${schema} kept (BENCH_REPORT_SCHEMA=${schema} measures it again)`);
    else await dropSchema(connection, schema);
  }
};

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
