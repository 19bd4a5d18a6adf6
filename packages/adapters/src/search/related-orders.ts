import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { FormNumber, Provision, type OrderSnapshot, type PersonPair, type RelatedOrder, type RelatedOrdersPort } from '@ccpor/domain';
import { DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlDatabase } from '../sql/sql-database';
import { exactPairKey, phoneticPairKey } from '../projections/party-pairs';
import type { StoredStatus } from '../projections/order-search-row';
import { nameKeys } from './person-keys';

/**
 * Orders concerning the same (restrained, protected) pair, in every county (issue 7, ADR 0040).
 * Three routes, each an index lookup:
 * - the party index's exact key (letters-only names and DOBs of both people);
 * - its phonetic key (NYSIIS surnames, first initials, DOBs);
 * - Double Metaphone codes (primary or alternate) of both surnames with first initials and DOBs,
 *   on the search view's (metaphone, dob) indexes, for the slips NYSIIS does not forgive.
 * A phonetic route needs both DOBs: without them it would join strangers who sound alike.
 */

/** What each route selects about an order: enough for precedence and for the access policy. */
const ORDER_COLUMNS = `
  s.order_id::text AS order_id, s.form, s.case_number, s.court_ori, s.status, s.sealed, s.entering_ori, s.assigned_oris,
  to_json(s.issued_at) #>> '{}' AS issued_at, to_json(s.expires_at) #>> '{}' AS expires_at, s.provisions`;

/** ORDER_COLUMNS as nulls of their types, for rows that carry no order. */
const NULL_ORDER_COLUMNS = `NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::text[], NULL::text, NULL::text, NULL::jsonb`;

/**
 * The view row of each matched order (`d.order_id`), one primary-key lookup per match. The
 * matches are a handful of rows, but the planner cannot know it: json_to_recordset counts as 100
 * rows and the party-index joins are estimated in thousands, so with a plain join it hashed the
 * whole order_search: a sequential scan on every add and every search page, 40 ms on 50,000 orders
 * against 1–2 ms this way (http bench, 2026-11-23). At 2,000,000 orders the scan costs enough that
 * the planner chose the index anyway; this keeps the plan from depending on that. OFFSET 0 keeps
 * the subquery from being pulled up into a join the planner could hash again. Matches whose order
 * is discarded or missing drop out, as before.
 */
const orderByPrimaryKey = (d: string) => `(
  SELECT ${ORDER_COLUMNS}
  FROM {{schema}}.order_search AS s
  WHERE s.order_id = ${d}.order_id AND s.status <> 'discarded'
  OFFSET 0
) AS o`;

/**
 * The party index rows under one key: an index lookup per pair. As a plain join, with the pair
 * list estimated at 100 rows (json_to_recordset) or the hits at 10, the planner hashed the whole
 * party index when it was small enough (the generic plan of a 10,000-pair index: 3 ms per add,
 * against 0.1 ms this way); OFFSET 0 keeps the subquery from being flattened into that join.
 */
const partyKeyLookup = (column: 'exact_key' | 'phonetic_key', key: string) => `(
  SELECT x.order_id FROM {{schema}}.order_party_pair AS x WHERE x.${column} = ${key} OFFSET 0
) AS x`;

/**
 * Metaphone route: `q` has r_dob, r_codes, r_initial, p_dob, p_codes, p_initial. Both people are
 * found by index lookups on the (code, DOB) btrees, one per code column, united: written as one
 * `= ANY(..) OR = ANY(..)` test, the planner read every person of that DOB through the DOB index
 * instead (about a hundred rows per person at 2M orders, nearly all dropped by the filter, and
 * most of a search page's database time; app-http README, benchmark notes). The protected
 * person is then only checked on the few orders the restrained person's codes found, by primary
 * key: `p.dob + 0` keeps the planner from reading everyone born that day through the DOB index
 * instead, which it estimated cheaper and was not (search-plans.test.ts pins it).
 */
const metaphoneMatches = (q: string) => `
  CROSS JOIN LATERAL (
    SELECT c.order_id FROM {{schema}}.order_search AS c
    WHERE c.r_metaphone = ANY(${q}.r_codes) AND c.r_dob = ${q}.r_dob AND left(c.r_first_key, 1) = ${q}.r_initial
    UNION
    SELECT c.order_id FROM {{schema}}.order_search AS c
    WHERE c.r_metaphone_alt = ANY(${q}.r_codes) AND c.r_dob = ${q}.r_dob AND left(c.r_first_key, 1) = ${q}.r_initial
  ) AS s
  WHERE EXISTS (
    SELECT 1 FROM {{schema}}.order_search_protected AS p
    WHERE p.order_id = s.order_id AND p.dob + 0 = ${q}.p_dob AND left(p.first_key, 1) = ${q}.p_initial
      AND (p.metaphone = ANY(${q}.p_codes) OR p.metaphone_alt = ANY(${q}.p_codes))
  )`;

/** $1 JSON array of pair keys ({ pair, exact_key, phonetic_key, r_dob, r_codes, r_initial, p_dob, p_codes, p_initial }). */
export const ordersForPairsSql = `
WITH q AS (
  SELECT * FROM json_to_recordset($1::json)
    AS q(pair int, exact_key text, phonetic_key text, r_dob date, r_codes text[], r_initial text, p_dob date, p_codes text[], p_initial text)
), m AS (
  SELECT q.pair, x.order_id, true AS exact FROM q CROSS JOIN LATERAL ${partyKeyLookup('exact_key', 'q.exact_key')}
  UNION ALL
  SELECT q.pair, x.order_id, false FROM q CROSS JOIN LATERAL ${partyKeyLookup('phonetic_key', 'q.phonetic_key')}
  UNION ALL
  SELECT q.pair, s.order_id, false FROM q ${metaphoneMatches('q')}
)
SELECT d.pair, d.exact, o.*
FROM (SELECT m.pair, m.order_id, bool_or(m.exact) AS exact FROM m GROUP BY m.pair, m.order_id) AS d
CROSS JOIN LATERAL ${orderByPrimaryKey('d')}
ORDER BY d.pair, d.order_id`;

/**
 * $1 order ids. For each order and each of its protected persons (ordinal), the orders about the
 * same pair, the order itself included: one statement for a whole page of search hits.
 *
 * Hits about the same two people (a page of ten orders about one pair) share their keys, so the
 * keys are looked up once each (`q`, numbered by `k`) and each matched order comes back once per
 * key, not once per hit: the answer grows with the orders about the pairs, not with hits × orders
 * (issue 12: ten hits about a pair with 1,000 orders were 10,000 rows). Two kinds of row come
 * back: an order row (key, exact, the order's columns) per order found for a key, and a map row
 * (hit, ordinal, key) per hit person, whose order columns are null.
 */
export const ordersLinkedToSql = `
WITH h AS (
  SELECT o.order_id AS hit, hp.ordinal, a.exact_key, a.phonetic_key,
         o.r_dob, ARRAY[o.r_metaphone, o.r_metaphone_alt] AS r_codes, left(o.r_first_key, 1) AS r_initial,
         hp.dob AS p_dob, ARRAY[hp.metaphone, hp.metaphone_alt] AS p_codes, left(hp.first_key, 1) AS p_initial
  FROM {{schema}}.order_search AS o
  JOIN {{schema}}.order_search_protected AS hp ON hp.order_id = o.order_id
  LEFT JOIN {{schema}}.order_party_pair AS a ON a.order_id = o.order_id AND a.ordinal = hp.ordinal
  WHERE o.order_id = ANY($1::uuid[]) AND o.status <> 'discarded'
), k AS (
  SELECT h.*, dense_rank() OVER (ORDER BY h.exact_key, h.phonetic_key, h.r_dob, h.r_codes, h.r_initial, h.p_dob, h.p_codes, h.p_initial)::int AS key FROM h
), q AS (
  SELECT DISTINCT ON (k.key) k.key, k.exact_key, k.phonetic_key, k.r_dob, k.r_codes, k.r_initial, k.p_dob, k.p_codes, k.p_initial FROM k ORDER BY k.key
), m AS (
  SELECT q.key, x.order_id, true AS exact FROM q CROSS JOIN LATERAL ${partyKeyLookup('exact_key', 'q.exact_key')}
  UNION ALL
  SELECT q.key, x.order_id, false FROM q CROSS JOIN LATERAL ${partyKeyLookup('phonetic_key', 'q.phonetic_key')}
  UNION ALL
  SELECT q.key, s.order_id, false FROM q ${metaphoneMatches('q')}
)
SELECT NULL::text AS hit, NULL::smallint AS ordinal, d.key, d.exact, o.*
FROM (SELECT m.key, m.order_id, bool_or(m.exact) AS exact FROM m GROUP BY m.key, m.order_id) AS d
CROSS JOIN LATERAL ${orderByPrimaryKey('d')}
UNION ALL
SELECT k.hit::text, k.ordinal, k.key, NULL::boolean, ${NULL_ORDER_COLUMNS}
FROM k`;

/** What the two functions return after their leading columns: ORDER_COLUMNS, typed. */
const ORDER_COLUMN_TYPES = `order_id text, form text, case_number text, court_ori text, status text, sealed boolean,
  entering_ori text, assigned_oris text[], issued_at text, expires_at text, provisions jsonb`;

/**
 * The two statements as functions of the views' schema, each planned once per connection with a
 * generic plan (`plan_cache_mode = force_generic_plan` for the function's duration). Run as
 * prepared statements, PostgreSQL kept planning them afresh on every call (its custom plans
 * looked cheaper), and planning cost 1.2–1.4 ms against 0.3 ms for running: most of a search
 * page's database time. search-plans.test.ts pins their generic plans. `#variable_conflict
 * use_column`: the result columns share names with table columns, and the columns are meant.
 */
export const relatedOrdersFunctionsSql = `
DROP FUNCTION IF EXISTS {{schema}}.related_orders_for_pairs(json);
CREATE FUNCTION {{schema}}.related_orders_for_pairs(json)
  RETURNS TABLE (pair int, exact boolean, ${ORDER_COLUMN_TYPES})
  LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan
AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY ${ordersForPairsSql};
END
$fn$;

DROP FUNCTION IF EXISTS {{schema}}.related_orders_linked_to(uuid[]);
CREATE FUNCTION {{schema}}.related_orders_linked_to(uuid[])
  RETURNS TABLE (hit text, ordinal smallint, key int, exact boolean, ${ORDER_COLUMN_TYPES})
  LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan
AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY ${ordersLinkedToSql};
END
$fn$;
`;

const callForPairsSql = 'SELECT * FROM {{schema}}.related_orders_for_pairs($1::json) ORDER BY pair, order_id';
const callLinkedToSql = 'SELECT * FROM {{schema}}.related_orders_linked_to($1::uuid[]) ORDER BY key, order_id';

interface OrderColumns extends Record<string, unknown> {
  readonly order_id: string;
  readonly exact: boolean;
  readonly form: string | null;
  readonly case_number: string | null;
  readonly court_ori: string | null;
  readonly status: StoredStatus;
  readonly sealed: boolean;
  readonly entering_ori: string;
  readonly assigned_oris: readonly string[];
  readonly issued_at: string | null;
  readonly expires_at: string | null;
  readonly provisions: unknown;
}

const Provisions = t.array(Provision);

const SNAPSHOT_STATUS: Record<StoredStatus, OrderSnapshot['status']> = {
  active: 'issued',
  served: 'issued',
  canceled: 'canceled',
  draft: 'draft',
  discarded: 'discarded',
};

/**
 * The row as a related order, or undefined for one precedence cannot use: a draft (no form or
 * issue time yet). Provisions are decoded at this boundary; a stored value the codec refuses
 * means a damaged view, and it is said loudly rather than read as "no provisions".
 */
export const relatedOrderOf = (row: OrderColumns): RelatedOrder | undefined => {
  const form = FormNumber.decode(row.form);
  if (E.isLeft(form) || row.issued_at === null) return undefined;
  const provisions = Provisions.decode(typeof row.provisions === 'string' ? JSON.parse(row.provisions) : row.provisions);
  if (E.isLeft(provisions)) throw new Error(`order_search.provisions of ${row.order_id} is not a list of provisions`);
  return {
    snapshot: {
      orderId: row.order_id,
      form: form.right,
      caseNumber: row.case_number ?? '',
      courtName: row.court_ori ?? '',
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      status: SNAPSHOT_STATUS[row.status],
      provisions: provisions.right,
      // The view keeps `served` apart from `active` for an order in force (Fam. Code 6383(e) notice).
      served: row.status === 'served',
    },
    facts: { ownerAgencyOri: row.entering_ori, assignedAgencies: row.assigned_oris, sealed: row.sealed },
    match: row.exact ? 'exact' : 'phonetic',
  };
};

const metaphoneCodes = (last: string): string[] => {
  const k = nameKeys({ last, first: '' });
  return [...new Set([k.metaphone, k.metaphoneAlt].filter((c) => c.length > 0))];
};

/** The keys of one pair as the statement's JSON parameter. */
export const pairKeys = (pair: PersonPair, index: number) => ({
  pair: index,
  exact_key: exactPairKey(pair.restrained, pair.protectedPerson),
  phonetic_key: phoneticPairKey(pair.restrained, pair.protectedPerson),
  r_dob: pair.restrained.dob,
  r_codes: metaphoneCodes(pair.restrained.last),
  r_initial: nameKeys(pair.restrained).firstKey.slice(0, 1),
  p_dob: pair.protectedPerson.dob,
  p_codes: metaphoneCodes(pair.protectedPerson.last),
  p_initial: nameKeys(pair.protectedPerson).firstKey.slice(0, 1),
});

/** Prepared statements are named per schema: their text names it. */
const statementName = (what: string, schema: string): string => `ccpor_related_${what}_${schema}`;

/**
 * relatedOrderOf for the rows of one statement: an order found for several pairs or hits (a page
 * of ten hits about the same two people returns each of their orders ten times) is decoded once,
 * and only how it matched differs from row to row.
 */
const decodedOnce = () => {
  const seen = new Map<string, RelatedOrder | undefined>();
  return (row: OrderColumns): RelatedOrder | undefined => {
    if (!seen.has(row.order_id)) seen.set(row.order_id, relatedOrderOf(row));
    const r = seen.get(row.order_id);
    const match = row.exact ? 'exact' : 'phonetic';
    return r === undefined || r.match === match ? r : { ...r, match };
  };
};

/** Every order about each pair (indexed like `pairs`), drafts left out. */
export const ordersForPairs = async (db: SqlDatabase, pairs: readonly PersonPair[], schema: string = DEFAULT_SCHEMA): Promise<RelatedOrder[][]> => {
  const out: RelatedOrder[][] = pairs.map(() => []);
  if (pairs.length === 0) return out;
  const { rows } = await db.queryPrepared<OrderColumns & { pair: number }>(statementName('pairs', schema), inSchema(callForPairsSql, schema), [
    JSON.stringify(pairs.map(pairKeys)),
  ]);
  const decode = decodedOnce();
  for (const row of rows) {
    const related = decode(row);
    if (related !== undefined) out[row.pair]!.push(related);
  }
  return out;
};

/**
 * Per order id, per protected-person ordinal, the orders about that pair (the order itself
 * included). Hits about the same people share one list (read-only), as the statement shares their
 * key: building the answer is linear in the orders found, whatever the number of hits.
 */
export const ordersLinkedTo = async (
  db: SqlDatabase,
  orderIds: readonly string[],
  schema: string = DEFAULT_SCHEMA,
): Promise<Map<string, Map<number, RelatedOrder[]>>> => {
  const out = new Map<string, Map<number, RelatedOrder[]>>();
  if (orderIds.length === 0) return out;
  // Map rows have hit and ordinal and null order columns; order rows the reverse.
  const { rows } = await db.queryPrepared<OrderColumns & { hit: string | null; ordinal: number | null; key: number }>(
    statementName('linked', schema),
    inSchema(callLinkedToSql, schema),
    [orderIds],
  );
  const byKey = new Map<number, RelatedOrder[]>();
  const people: { hit: string; ordinal: number; key: number }[] = [];
  const decode = decodedOnce();
  for (const row of rows) {
    if (row.hit !== null) {
      people.push({ hit: row.hit, ordinal: row.ordinal!, key: row.key });
      continue;
    }
    const related = decode(row);
    if (related === undefined) continue;
    const list = byKey.get(row.key);
    if (list === undefined) byKey.set(row.key, [related]);
    else list.push(related);
  }
  for (const { hit, ordinal, key } of people) {
    const list = byKey.get(key);
    if (list === undefined) continue;
    const byPair = out.get(hit) ?? new Map<number, RelatedOrder[]>();
    out.set(hit, byPair);
    byPair.set(ordinal, list);
  }
  return out;
};

/** The port on a SQL session holding the search views. */
export const sqlRelatedOrders = (db: SqlDatabase, schema: string = DEFAULT_SCHEMA): RelatedOrdersPort => ({
  ordersConcerning: (pairs) => ordersForPairs(db, pairs, schema),
  ordersLinkedTo: (orderIds) => ordersLinkedTo(db, orderIds, schema),
});
