/**
 * The single-event append as a PL/pgSQL function. Its one statement is planned once per
 * connection and then reused: PGlite has no named prepared statements, and re-planning the
 * statement on every call halved its append rate; on PostgreSQL the function costs the same
 * as a prepared statement. What it does is described in append.sql.ts (appendSql), for one
 * event: read the stream head, check the expected version, chain the hash with sha256(),
 * insert. A concurrent writer at the same version fails on the unique constraint (23505).
 */
export const appendOneFunctionMigration = {
  id: '0002-append-one-function',
  sql: `
CREATE FUNCTION {{schema}}.append_one(
  p_stream_id      text,
  p_expected_kind  text,
  p_exact_version  integer,
  p_type           text,
  p_schema_version integer,
  p_data           text,
  p_metadata       text,
  p_body_prefix    text,
  p_body_suffix    text,
  p_genesis_hash   text
) RETURNS TABLE (actual integer, next_version integer, txid_text text, position_text text)
LANGUAGE plpgsql AS $function$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH head AS (
    SELECT coalesce(l.stream_version, 0) AS version, coalesce(l.hash, p_genesis_hash) AS hash
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT e.stream_version, e.hash FROM {{schema}}.events AS e
      WHERE e.stream_id = p_stream_id
      ORDER BY e.stream_version DESC
      LIMIT 1
    ) AS l ON true
  ),
  inserted AS (
    INSERT INTO {{schema}}.events (stream_id, stream_version, type, schema_version, data, metadata, previous_hash, hash)
    SELECT p_stream_id, h.version + 1, p_type, p_schema_version, p_data::json, p_metadata::json, h.hash,
           encode(sha256(convert_to(h.hash || E'\\n' || p_body_prefix || (h.version + 1)::text || p_body_suffix, 'UTF8')), 'hex')
    FROM head AS h
    WHERE CASE p_expected_kind
            WHEN 'any' THEN true
            WHEN 'no_stream' THEN h.version = 0
            WHEN 'exists' THEN h.version > 0
            ELSE h.version = p_exact_version
          END
    RETURNING transaction_id, position, stream_version
  )
  SELECT h.version, i.stream_version, i.transaction_id::text, i.position::text
  FROM head AS h
  LEFT JOIN inserted AS i ON true;
END
$function$;
`,
} as const;
