import { ORDER_SEARCH_COLUMNS } from './order-search-row';

/**
 * Statements of the order projection's writer. Rows travel as one JSON array per statement
 * (`json_populate_recordset` against the table's own row type), so a batch of hundreds of rows
 * is one round trip and the column list is written once, in order-search-row.ts.
 */

const columns = ORDER_SEARCH_COLUMNS.join(', ');
const updates = ORDER_SEARCH_COLUMNS.filter((c) => c !== 'order_id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

/** $1 projection name. Creates the checkpoint row if missing, so the CAS can lock it. */
export const ensureCheckpointSql = `
INSERT INTO {{schema}}.projection_checkpoints (projection) VALUES ($1) ON CONFLICT (projection) DO NOTHING
`;

/** $1 projection name. Locks the checkpoint until the transaction ends: concurrent runners queue here. */
export const lockCheckpointSql = `
SELECT position, last_recorded_at::text AS last_recorded_at FROM {{schema}}.projection_checkpoints WHERE projection = $1 FOR UPDATE
`;

/** $1 projection name. */
export const readCheckpointSql = `
SELECT position, to_json(last_recorded_at) #>> '{}' AS last_recorded_at FROM {{schema}}.projection_checkpoints WHERE projection = $1
`;

/** $1 projection name, $2 new position, $3 recordedAt of the last applied event. */
export const storeCheckpointSql = `
UPDATE {{schema}}.projection_checkpoints
SET position = $2, last_recorded_at = $3::timestamptz, updated_at = now()
WHERE projection = $1
`;

/** $1 order ids. Current rows as JSON text, parsed by the writer. */
export const loadRowsSql = `
SELECT row_to_json(s)::text AS row FROM {{schema}}.order_search AS s WHERE s.order_id = ANY($1::uuid[])
`;

/**
 * $1 JSON array of rows. The guard on stream_version keeps an older row from overwriting a
 * newer one, whatever happens around the checkpoint.
 */
export const upsertRowsSql = `
INSERT INTO {{schema}}.order_search (${columns})
SELECT ${columns} FROM json_populate_recordset(NULL::{{schema}}.order_search, $1::json)
ON CONFLICT (order_id) DO UPDATE SET ${updates}
WHERE {{schema}}.order_search.stream_version < EXCLUDED.stream_version
`;

/** $1 order ids whose parties changed. */
export const deleteProtectedSql = `DELETE FROM {{schema}}.order_search_protected WHERE order_id = ANY($1::uuid[])`;
export const deletePairsSql = `DELETE FROM {{schema}}.order_party_pair WHERE order_id = ANY($1::uuid[])`;

/** $1 JSON array of protected-person rows. */
export const insertProtectedSql = `
INSERT INTO {{schema}}.order_search_protected
SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_search_protected, $1::json)
`;

/** $1 JSON array of pair rows. */
export const insertPairsSql = `
INSERT INTO {{schema}}.order_party_pair
SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_party_pair, $1::json)
`;

/** $1 JSON array of bucket deltas. */
export const addStatisticsSql = `
INSERT INTO {{schema}}.order_statistics AS s
SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_statistics, $1::json)
ON CONFLICT (county, order_type, stage, status, issue_month, expiry_month) DO UPDATE SET orders = s.orders + EXCLUDED.orders
`;

/** $1 JSON array of month-count deltas (report-counts.ts). */
export const addMonthCountsSql = `
INSERT INTO {{schema}}.order_month_counts AS c
SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_month_counts, $1::json)
ON CONFLICT (measure, month, county, court_ori, order_type, stage) DO UPDATE SET orders = c.orders + EXCLUDED.orders
`;

/** $1 JSON array of in-force deltas. */
export const addInForceCountsSql = `
INSERT INTO {{schema}}.order_in_force_counts AS c
SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_in_force_counts, $1::json)
ON CONFLICT (expiry_month, county, court_ori, order_type, stage) DO UPDATE SET orders = c.orders + EXCLUDED.orders
`;

/** $1 JSON array of event-count deltas (report-counts.ts). */
export const addEventCountsSql = `
INSERT INTO {{schema}}.order_event_counts AS c
SELECT * FROM json_populate_recordset(NULL::{{schema}}.order_event_counts, $1::json)
ON CONFLICT (kind, month, county, court_ori, order_type, stage, reason) DO UPDATE SET events = c.events + EXCLUDED.events
`;

/**
 * $1 JSON array of access decisions, $2 the order-read actions. Denials count as they are; an
 * allowed read counts when the order it read is sealed now (as the batch is applied, which is
 * within moments of the read).
 */
export const addAccessCountsSql = `
INSERT INTO {{schema}}.access_counts AS a (day, agency_ori, user_id, kind, action, events)
SELECT day, agency_ori, user_id, kind, action, count(*) FROM (
  SELECT d.day, d.agency_ori, d.user_id, 'denied' AS kind, d.action
  FROM json_to_recordset($1::json) AS d(day text, agency_ori text, user_id text, action text, allowed boolean, order_id text)
  WHERE NOT d.allowed
  UNION ALL
  SELECT d.day, d.agency_ori, d.user_id, 'sealed-read', d.action
  FROM json_to_recordset($1::json) AS d(day text, agency_ori text, user_id text, action text, allowed boolean, order_id text)
  JOIN {{schema}}.order_search AS s ON s.order_id = d.order_id::uuid AND s.sealed
  WHERE d.allowed AND d.order_id IS NOT NULL AND d.action = ANY($2::text[])
) AS counted
GROUP BY day, agency_ori, user_id, kind, action
ON CONFLICT (day, agency_ori, user_id, kind, action) DO UPDATE SET events = a.events + EXCLUDED.events
`;

/** $1 projection name. Empties every table of the view and rewinds its checkpoint. */
export const resetSql = `
TRUNCATE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair, {{schema}}.order_statistics,
  {{schema}}.order_event_counts, {{schema}}.access_counts, {{schema}}.order_month_counts, {{schema}}.order_in_force_counts
`;
export const rewindCheckpointSql = `
UPDATE {{schema}}.projection_checkpoints SET position = NULL, last_recorded_at = NULL, updated_at = now() WHERE projection = $1
`;
