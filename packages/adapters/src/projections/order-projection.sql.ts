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

/** $1 projection name. Empties every table of the view and rewinds its checkpoint. */
export const resetSql = `
TRUNCATE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair, {{schema}}.order_statistics
`;
export const rewindCheckpointSql = `
UPDATE {{schema}}.projection_checkpoints SET position = NULL, last_recorded_at = NULL, updated_at = now() WHERE projection = $1
`;
