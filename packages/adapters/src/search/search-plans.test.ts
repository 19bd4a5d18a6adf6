import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Pool } from 'pg';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { inSchema } from '../sql/schema-name';
import type { SqlDatabase } from '../sql/sql-database';
import { migrateViews } from '../projections/migrate-views';
import { exactPairKey, phoneticPairKey } from '../projections/party-pairs';
import { linkedOrdersSql, pairLinksSql } from './party-index-queries';
import { ordersForPairsSql, ordersLinkedToSql, pairKeys } from './related-orders';
import { nameKeys } from './person-keys';
import { statisticsQuery } from './order-statistics';
import { decodeSearchQuery } from './search-query';
import { buildSearch, type SearchShape } from './search-sql';

/**
 * Pins the plan of every production query shape (docs/performance-goals.md, "query shape"): with enough rows for
 * the planner to care (150,000 orders and as many protected persons, inserted by SQL with a
 * skewed surname distribution), each shape must be served by its intended index and never by
 * a sequential scan of the views. A planner change or a parameter type that silently switches
 * a plan fails here.
 */

const ROWS = 150_000;
const connection = testPostgresConfig();
const schema = throwawaySchemaName('plans');
let pool: Pool;
let db: SqlDatabase;

const SURNAMES = [
  'GARCIA', 'HERNANDEZ', 'LOPEZ', 'MARTINEZ', 'GONZALEZ', 'RODRIGUEZ', 'SANCHEZ', 'RAMIREZ', 'TORRES', 'FLORES', 'RIVERA', 'GOMEZ',
  'DIAZ', 'REYES', 'MORALES', 'CRUZ', 'ORTIZ', 'GUTIERREZ', 'CHAVEZ', 'RAMOS', 'SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'JONES',
  'MILLER', 'DAVIS', 'WILSON', 'ANDERSON', 'TAYLOR', 'THOMAS', 'MOORE', 'JACKSON', 'MARTIN', 'LEE', 'THOMPSON', 'WHITE', 'HARRIS',
  'CLARK', 'LEWIS', 'NGUYEN', 'TRAN', 'LE', 'PHAM', 'KIM', 'PARK', 'CHOI', 'WONG', 'CHEN', 'WANG', 'LI', 'ZHANG', 'LIU', 'YANG',
  'HUANG', 'SINGH', 'PATEL', 'SANTOS', 'REYES', 'DELACRUZ', 'BAUTISTA', 'OCAMPO', 'MENDOZA', 'CASTILLO', 'VARGAS', 'ROMERO',
];
const FIRST = ['JOSE', 'MARIA', 'JUAN', 'ANA', 'LUIS', 'JOHN', 'MICHAEL', 'DAVID', 'LINDA', 'SARAH', 'MINH', 'THANH', 'JI', 'WEI'];

/** Surnames with a typo'd tail, so the table holds thousands of distinct surnames as a real one does. */
const seed = async (): Promise<void> => {
  const keys = SURNAMES.map((s) => nameKeys({ last: s, first: '' }));
  const s = (sql: string): string => inSchema(sql, schema);
  const personColumns = `
    WITH g AS (
      SELECT i, floor(power(random(), 2.2) * $1::int)::int + 1 AS k, (random() * 25)::int AS typo,
             date '1945-01-01' + (random() * 22000)::int AS dob, random() AS r
      FROM generate_series(1, ${ROWS}) AS i
    )`;
  await db.query('SELECT setseed(0.42)');
  await db.query(
    s(`${personColumns}
    INSERT INTO {{schema}}.order_search (order_id, stream_version, last_position, last_recorded_at, entering_ori, court_ori, county,
      case_number, case_key, form, order_type, stage, category, status, issued_at, expires_at,
      r_last, r_first, r_last_key, r_first_key, r_full_name, r_nysiis, r_soundex, r_metaphone, r_metaphone_alt, r_dob, fcn)
    SELECT md5(i::text)::uuid, 1, lpad(i::text, 40, '0'), now(), 'CA019015J', 'CA019015J', lpad((1 + i % 58)::text, 2, '0'),
      '26FL' || lpad(i::text, 6, '0'), '26FL' || lpad(i::text, 6, '0'), 'DV-130', 'DV', 'after-hearing', 'civil',
      CASE WHEN r < 0.6 THEN 'active' WHEN r < 0.8 THEN 'served' ELSE 'canceled' END,
      timestamptz '2012-01-01' + (r * 5000) * interval '1 day', timestamptz '2015-01-01' + (r * 5000) * interval '1 day',
      last, ($5::text[])[1 + i % 14], last, ($5::text[])[1 + i % 14], last || ' ' || ($5::text[])[1 + i % 14],
      CASE WHEN typo > 0 THEN nysiis ELSE left(nysiis, 3) || 'X' END, soundex, metaphone, metaphone,
      dob, CASE WHEN i % 3 = 0 THEN lpad(i::text, 13, '0') END
    FROM g CROSS JOIN LATERAL (
      SELECT CASE WHEN typo = 0 THEN ($2::text[])[k] || chr(65 + i % 26) ELSE ($2::text[])[k] END AS last,
             ($3::text[])[k] AS nysiis, ($4::text[])[k] AS soundex, ($6::text[])[k] AS metaphone
    ) AS n`),
    [SURNAMES.length, SURNAMES, keys.map((k) => k.nysiis), keys.map((k) => k.soundex), FIRST, keys.map((k) => k.metaphone)],
  );
  await db.query(
    s(`${personColumns}
    INSERT INTO {{schema}}.order_search_protected (order_id, ordinal, last, first, last_key, first_key, full_name, nysiis, soundex,
      metaphone, metaphone_alt, dob, minor, confidential)
    SELECT md5(i::text)::uuid, 0, last, ($5::text[])[1 + i % 14], last, ($5::text[])[1 + i % 14], last || ' ' || ($5::text[])[1 + i % 14],
      nysiis, soundex, metaphone, metaphone, dob, false, false
    FROM g CROSS JOIN LATERAL (
      SELECT CASE WHEN typo = 0 THEN ($2::text[])[k] || chr(65 + i % 26) ELSE ($2::text[])[k] END AS last,
             ($3::text[])[k] AS nysiis, ($4::text[])[k] AS soundex, ($6::text[])[k] AS metaphone
    ) AS n`),
    [SURNAMES.length, SURNAMES, keys.map((k) => k.nysiis), keys.map((k) => k.soundex), FIRST, keys.map((k) => k.metaphone)],
  );
  await db.query(
    s(`INSERT INTO {{schema}}.order_party_pair (order_id, ordinal, exact_key, phonetic_key)
       SELECT order_id, 0, r_last_key || '|' || r_first_key || '|' || r_dob || '#X', r_nysiis || '|' || left(r_first_key, 1) || '|' || r_dob || '#X'
       FROM {{schema}}.order_search`),
  );
  await db.query(s('ANALYZE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair'));
};

beforeAll(async () => {
  pool = new Pool({ ...connection, max: 2 });
  db = postgresDatabase(pool);
  await migrateViews(db, schema);
  await seed();
}, 120_000);

afterAll(async () => {
  await pool.end();
  await dropSchema(connection, schema);
});

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** The id the seed gives row i (md5(i::text)::uuid). */
const md5Uuid = (i: number): string => {
  const h = createHash('md5').update(String(i)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

const explain = async (text: string, values: readonly unknown[]): Promise<PlanNode[]> => {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
  return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
};

/**
 * The generic plan of `text`, as the related-orders functions run their statements
 * (plan_cache_mode = force_generic_plan): planned once, without the parameters' values.
 */
const explainGeneric = async (text: string, types: string | undefined, values: readonly unknown[]): Promise<PlanNode[]> => {
  const client = await pool.connect();
  try {
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE generic_probe${types === undefined ? '' : `(${types})`} AS ${text}`);
    // EXECUTE takes no bind parameters: the values go in as literals (test data only).
    const literal = (v: unknown): string => client.escapeLiteral(Array.isArray(v) ? `{${v.join(',')}}` : String(v));
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) EXECUTE generic_probe(${values.map(literal).join(', ')})`);
    return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
  } finally {
    await client.query('DEALLOCATE ALL; RESET plan_cache_mode');
    client.release();
  }
};

const VIEWS = new Set(['order_search', 'order_search_protected', 'order_party_pair']);
const indexesUsed = (nodes: readonly PlanNode[]): string[] => [...new Set(nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])))].sort();
const seqScans = (nodes: readonly PlanNode[]): string[] =>
  nodes.filter((n) => n['Node Type'] === 'Seq Scan' && VIEWS.has(n['Relation Name'] ?? '')).map((n) => n['Relation Name']!);

const planOf = async (query: Record<string, unknown>, expectedShape: SearchShape, plan: 'custom' | 'generic' = 'custom'): Promise<PlanNode[]> => {
  const decoded = decodeSearchQuery(query);
  if (decoded._tag === 'Left') throw new Error(decoded.left.message);
  const built = buildSearch(decoded.right, schema, '2026-09-01T12:00:00Z', 20, undefined);
  expect(built.shape).toBe(expectedShape);
  // Searches run prepared (search-orders.ts), so PostgreSQL may settle on a generic plan.
  return plan === 'custom' ? explain(built.text, built.values) : explainGeneric(built.text, undefined, built.values);
};

describe('query plans of the search shapes (PostgreSQL)', () => {
  it.each([
    ['restrained, exact DOB', { lastName: 'GONZALEX', firstName: 'MARIA', dateOfBirth: '1985-04-12' }, 'name-exact-dob', ['order_search_r_dob']],
    [
      'restrained, exact DOB, with filters',
      { lastName: 'GARCIA', dateOfBirth: '1985-04-12', county: ['19', '30'], status: ['active', 'expired'], orderType: ['DV'], issuedFrom: '2015-01-01T00:00:00Z' },
      'name-exact-dob',
      ['order_search_r_dob'],
    ],
    [
      'restrained, DOB ±1 year',
      { lastName: 'GARCIA', dateOfBirth: '1985-04-12', dobYears: 1 },
      'name-dob-window',
      ['order_search_r_dob', 'order_search_r_metaphone_alt_dob', 'order_search_r_metaphone_dob', 'order_search_r_nysiis_dob'],
    ],
    [
      'restrained, name only',
      { lastName: 'GONZALEX', firstName: 'MARIA' },
      'name-only',
      ['order_search_r_last_trgm', 'order_search_r_metaphone_alt_dob', 'order_search_r_metaphone_dob', 'order_search_r_nysiis_dob'],
    ],
    ['case number', { caseNumber: '26FL-000123' }, 'case-number', ['order_search_case_key']],
    ['FCN', { fcn: '0000000000123' }, 'fcn', ['order_search_fcn']],
    ['protected, exact DOB', { role: 'protected', lastName: 'RIVERRA', dateOfBirth: '1990-02-03' }, 'name-exact-dob', ['order_search_pkey', 'order_search_protected_dob']],
    [
      'protected, DOB ±2 years',
      { role: 'protected', lastName: 'RIVERA', dateOfBirth: '1990-02-03', dobYears: 2 },
      'name-dob-window',
      ['order_search_pkey', 'order_search_protected_dob', 'order_search_protected_metaphone_alt_dob', 'order_search_protected_metaphone_dob', 'order_search_protected_nysiis_dob'],
    ],
    [
      'protected, name only',
      { role: 'protected', lastName: 'NGUYENN', firstName: 'MINH' },
      'name-only',
      ['order_search_pkey', 'order_search_protected_last_trgm', 'order_search_protected_metaphone_alt_dob', 'order_search_protected_metaphone_dob', 'order_search_protected_nysiis_dob'],
    ],
  ] as const)('%s uses its index, never a sequential scan, in a custom or a generic plan', async (_label, query, shape, indexes) => {
    const nodes = await planOf(query, shape);
    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual([...indexes].sort());
    const generic = await planOf(query, shape, 'generic');
    expect(seqScans(generic)).toEqual([]);
    expect(indexesUsed(generic)).toEqual(expect.arrayContaining([...indexes].filter((i) => i !== 'order_search_pkey').slice(0, 1)));
  });

  it('role "any" plans each half on its own indexes', async () => {
    const nodes = await planOf({ role: 'any', lastName: 'GARCIA', dateOfBirth: '1985-04-12' }, 'name-exact-dob');
    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(expect.arrayContaining(['order_search_r_dob', 'order_search_protected_dob']));
  });

  it('the party index is read through its exact and phonetic keys', async () => {
    const person = { last: 'GARCIA', first: 'JOSE', dob: '1985-04-12' };
    const nodes = await explain(inSchema(pairLinksSql, schema), [exactPairKey(person, person), phoneticPairKey(person, person)]);
    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(['order_party_pair_exact', 'order_party_pair_phonetic']);
    const linked = await explain(inSchema(linkedOrdersSql, schema), ['8f14e45f-ceea-167a-5a36-dedd4bea2543']);
    expect(seqScans(linked)).toEqual([]);
    expect(indexesUsed(linked)).toEqual(['order_party_pair_exact', 'order_party_pair_phonetic', 'order_party_pair_pkey']);
  });

  it('related orders (ADR 0040): a pair list and a page of hits are each one plan, custom or generic, on the party index and primary keys', async () => {
    const person = { last: 'GARCIA', first: 'JOSE', dob: '1985-04-12' };
    const pairs = [pairKeys({ restrained: person, protectedPerson: { last: 'RIVERA', first: 'ANA', dob: '1990-02-03' } }, 0)];
    const page = Array.from({ length: 25 }, (_, i) => md5Uuid(i * 997 + 1));
    // The Double Metaphone route checks a candidate's protected persons by its primary key, never by
    // reading everyone born that day (at 2M orders the restrained side takes the (code, DOB)
    // indexes; at this size the DOB index is as selective, and the planner may take either).
    const routes = ['order_party_pair_exact', 'order_party_pair_phonetic', 'order_search_pkey', 'order_search_protected_pkey'];
    for (const plan of [
      await explain(inSchema(ordersForPairsSql, schema), [JSON.stringify(pairs)]),
      await explainGeneric(inSchema(ordersForPairsSql, schema), 'json', [JSON.stringify(pairs)]),
      await explain(inSchema(ordersLinkedToSql, schema), [page]),
      await explainGeneric(inSchema(ordersLinkedToSql, schema), 'uuid[]', [page]),
    ]) {
      expect(seqScans(plan)).toEqual([]);
      expect(indexesUsed(plan)).toEqual(expect.arrayContaining(routes));
      expect(indexesUsed(plan)).not.toContain('order_search_protected_dob');
    }
  });

  it('the statistics query looks up only the current month’s expiries in the search view', async () => {
    const query = statisticsQuery({ now: '2026-09-14T12:00:00Z', schema, counties: ['19'], issuedFromMonth: '2020-01' });
    const nodes = await explain(query.text, query.values);
    expect(seqScans(nodes)).toEqual([]);
    // Either index on the expiry: the plain one, or the reports' in-force one (views-0010), which also covers the columns.
    expect(indexesUsed(nodes)).toEqual(expect.arrayContaining([expect.stringMatching(/^order_search_(expires_at|in_force_expiry)$/)]));
  });
});
