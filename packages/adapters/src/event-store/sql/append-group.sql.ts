/**
 * Several single-event appends, to different streams, in one statement and one commit: the
 * client-side half of group commit. Under concurrent load, appends that queue while earlier
 * ones are in flight go to the server together, so they share a round trip, a plan and the
 * commit's WAL flush, instead of paying for each.
 *
 * Each request is checked on its own, exactly as by append_one: head of its stream, expected
 * version, hash chained with sha256(). A request whose version is taken by a concurrent
 * writer must not fail the others, so the insert uses ON CONFLICT … DO NOTHING on the
 * (stream_id, stream_version) constraint; such a request comes back with `allowed` true but
 * no `next_version`, and the caller treats it like a unique violation (retry or report).
 * The caller never puts two requests for one stream in the same group, so a result row is
 * matched to its request by stream id.
 *
 * Parameters (arrays, one element per request): $1 stream ids; $2 expected kinds; $3 exact
 * versions (null unless exact); $4 types; $5 schema versions; $6 data; $7 metadata;
 * $8 hash-body prefixes; $9 suffixes. $10 genesis hash. One result row per request, in order.
 */
export const appendGroupSql = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS i(stream_id, expected_kind, exact_version, type, schema_version, data, metadata, body_prefix, body_suffix, n)
),
head AS (
  SELECT i.*,
         coalesce(l.stream_version, 0) AS version,
         coalesce(l.hash, $10::text) AS previous_hash,
         CASE i.expected_kind
           WHEN 'any' THEN true
           WHEN 'no_stream' THEN coalesce(l.stream_version, 0) = 0
           WHEN 'exists' THEN coalesce(l.stream_version, 0) > 0
           ELSE coalesce(l.stream_version, 0) = i.exact_version
         END AS allowed
  FROM input AS i
  LEFT JOIN LATERAL (
    SELECT e.stream_version, e.hash FROM {{schema}}.events AS e
    WHERE e.stream_id = i.stream_id
    ORDER BY e.stream_version DESC
    LIMIT 1
  ) AS l ON true
),
inserted AS (
  INSERT INTO {{schema}}.events (stream_id, stream_version, type, schema_version, data, metadata, previous_hash, hash)
  SELECT h.stream_id, h.version + 1, h.type, h.schema_version, h.data::json, h.metadata::json, h.previous_hash,
         encode(sha256(convert_to(h.previous_hash || E'\\n' || h.body_prefix || (h.version + 1)::text || h.body_suffix, 'UTF8')), 'hex')
  FROM head AS h
  WHERE h.allowed
  -- Every group takes its keys in stream-id order: two groups that share streams then wait
  -- for each other in one direction only, never in a cycle (which PostgreSQL would end as a
  -- deadlock, 40P01). The requests are for different streams, so their order is free.
  ORDER BY h.stream_id
  ON CONFLICT ON CONSTRAINT events_stream_version_unique DO NOTHING
  RETURNING stream_id, stream_version, transaction_id, position
)
SELECT h.n::integer AS n,
       h.version AS actual,
       h.allowed,
       i.stream_version AS next_version,
       i.transaction_id::text AS txid_text,
       i.position::text AS position_text
FROM head AS h
LEFT JOIN inserted AS i ON i.stream_id = h.stream_id
ORDER BY h.n
`;

export interface AppendGroupRow extends Record<string, unknown> {
  readonly n: number;
  readonly actual: number;
  readonly allowed: boolean;
  readonly next_version: number | null;
  readonly txid_text: string | null;
  readonly position_text: string | null;
}
