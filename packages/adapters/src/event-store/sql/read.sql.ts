/**
 * Column list shared by every read: ids and positions as text (xid8 and bigint exceed JS
 * numbers). The text forms get their own names: an ORDER BY on a bare name picks an output
 * column before a table column, and sorting ids as text puts 1000 before 999.
 */
const columns = `e.stream_id, e.stream_version, e.transaction_id::text AS txid_text, e.position::text AS position_text,
  e.type, e.schema_version, e.data::text AS data_text, e.metadata::text AS metadata_text, e.previous_hash, e.hash`;

/** $1 stream, $2 first version (inclusive), $3 max count (null = all). */
export const readStreamForwardSql = `
SELECT ${columns} FROM {{schema}}.events AS e
WHERE e.stream_id = $1 AND e.stream_version >= $2
ORDER BY e.stream_version
LIMIT $3
`;

/** $1 stream, $2 last version (inclusive), $3 max count (null = all). */
export const readStreamBackwardSql = `
SELECT ${columns} FROM {{schema}}.events AS e
WHERE e.stream_id = $1 AND e.stream_version <= $2
ORDER BY e.stream_version DESC
LIMIT $3
`;

/**
 * The gap-free read of the global log. Only rows whose transaction id is below the oldest
 * transaction still running (`pg_snapshot_xmin`) are returned: every such transaction has
 * ended, so no row can later appear before the last one returned. Ordering by
 * (transaction_id, position), not by position alone, matters: a later transaction can hold
 * a lower sequence value. $1 transaction id, $2 position (exclusive), $3 max count.
 */
export const readAllSql = `
SELECT ${columns} FROM {{schema}}.events AS e
WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY e.transaction_id, e.position
LIMIT $3
`;

/**
 * The head of the log as of now. `$1` is a transaction-id boundary, or null to take the
 * current snapshot's xmax (the next id to be assigned). The last event below the boundary is
 * final once no transaction below it is still running (`settled`): from then on nothing can
 * appear before it, and everything committed before the boundary was taken is at or before it.
 * While `settled` is false the caller asks again with the same boundary.
 */
export const headPositionSql = `
SELECT boundary::text AS boundary,
       pg_snapshot_xmin(snapshot) >= boundary AS settled,
       last.transaction_id::text AS txid_text,
       last.position::text AS position_text
FROM (SELECT pg_current_snapshot() AS snapshot) AS now
CROSS JOIN LATERAL (SELECT coalesce($1::xid8, pg_snapshot_xmax(now.snapshot)) AS boundary) AS b
LEFT JOIN LATERAL (
  SELECT e.transaction_id, e.position FROM {{schema}}.events AS e
  WHERE e.transaction_id < b.boundary
  ORDER BY e.transaction_id DESC, e.position DESC
  LIMIT 1
) AS last ON true
`;

export interface HeadRow extends Record<string, unknown> {
  readonly boundary: string;
  readonly settled: boolean;
  readonly txid_text: string | null;
  readonly position_text: string | null;
}

export interface EventRow extends Record<string, unknown> {
  readonly stream_id: string;
  readonly stream_version: number;
  readonly txid_text: string;
  readonly position_text: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data_text: string;
  readonly metadata_text: string;
  readonly previous_hash: string;
  readonly hash: string;
}

/**
 * As the global read, but only events of streams whose id starts with one of $4 (text[]). The
 * database skips the rest, so a reader that needs a few streams out of millions of events (the
 * registry's identity view at start) does not receive, let alone parse, the others.
 */
export const readAllByStreamPrefixSql = `
SELECT ${columns} FROM {{schema}}.events AS e
WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  AND EXISTS (SELECT 1 FROM unnest($4::text[]) AS p(prefix) WHERE starts_with(e.stream_id, p.prefix))
ORDER BY e.transaction_id, e.position
LIMIT $3
`;
