/**
 * One statement, one round trip per append. It reads the stream's last event (version and
 * hash), checks the expected version, chains the new events' hashes with the built-in
 * sha256() and inserts them. A concurrent writer at the same version makes the INSERT wait
 * and then fail on the unique (stream_id, stream_version) constraint (SQLSTATE 23505).
 *
 * Parameters:
 *  $1 stream id; $2 expected kind ('any' | 'no_stream' | 'exists' | 'exact'); $3 exact version or null;
 *  $4 types; $5 schema versions; $6 data (JSON text); $7 metadata (JSON text);
 *  $8 hash-body prefixes; $9 hash-body suffixes (see hash-body-template.ts); $10 genesis hash.
 * Result: one row. `actual` is the version the statement saw; `next_version` is null when the
 * expected version did not match (nothing was written).
 */
export const appendSql = `
WITH RECURSIVE
last_event AS (
  SELECT e.stream_version, e.hash FROM {{schema}}.events AS e
  WHERE e.stream_id = $1
  ORDER BY e.stream_version DESC
  LIMIT 1
),
head AS (
  SELECT coalesce((SELECT stream_version FROM last_event), 0) AS version,
         coalesce((SELECT hash FROM last_event), $10::text) AS hash
),
allowed AS (
  SELECT version, hash FROM head
  WHERE CASE $2::text
          WHEN 'any' THEN true
          WHEN 'no_stream' THEN version = 0
          WHEN 'exists' THEN version > 0
          ELSE version = $3::integer
        END
),
input AS (
  SELECT * FROM unnest($4::text[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS i(type, schema_version, data, metadata, body_prefix, body_suffix, n)
),
chain AS (
  SELECT i.n, a.version + 1 AS stream_version, a.hash AS previous_hash,
         encode(sha256(convert_to(a.hash || E'\\n' || i.body_prefix || (a.version + 1)::text || i.body_suffix, 'UTF8')), 'hex') AS hash
  FROM allowed a JOIN input i ON i.n = 1
  UNION ALL
  SELECT i.n, c.stream_version + 1, c.hash,
         encode(sha256(convert_to(c.hash || E'\\n' || i.body_prefix || (c.stream_version + 1)::text || i.body_suffix, 'UTF8')), 'hex')
  FROM chain c JOIN input i ON i.n = c.n + 1
),
inserted AS (
  INSERT INTO {{schema}}.events (stream_id, stream_version, type, schema_version, data, metadata, previous_hash, hash)
  SELECT $1, c.stream_version, i.type, i.schema_version, i.data::json, i.metadata::json, c.previous_hash, c.hash
  FROM chain c JOIN input i ON i.n = c.n
  ORDER BY c.n
  RETURNING transaction_id, position, stream_version
)
SELECT (SELECT version FROM head) AS actual,
       last.stream_version AS next_version,
       last.transaction_id::text AS txid_text,
       last.position::text AS position_text
FROM (SELECT 1) AS one
LEFT JOIN (SELECT * FROM inserted ORDER BY stream_version DESC LIMIT 1) AS last ON true
`;

/**
 * The same append for the common case of a single event, through the append_one function
 * (migration 0002), with scalar parameters in the order of appendSql.
 */
export const appendOneSql = `
SELECT actual, next_version, txid_text, position_text
FROM {{schema}}.append_one($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
`;

/** The last event of a stream: where a bulk append chains on. $1 stream id. */
export const streamHeadSql = `
SELECT e.stream_version, e.hash FROM {{schema}}.events AS e
WHERE e.stream_id = $1
ORDER BY e.stream_version DESC
LIMIT 1
`;

/**
 * Bulk append (imports, large batches): versions and hashes were computed by the caller from
 * the stream head it read just before. If another writer appended in between, the first
 * version collides on the unique constraint and nothing is written, so the chain computed
 * from that head can never be stored on top of a different one. One insert from arrays is
 * several times faster per event than the recursive chain in SQL, whose cost grows with the
 * square of the batch. Parameters: $1 stream id; $2 versions; $3 types; $4 schema versions;
 * $5 data; $6 metadata; $7 previous hashes; $8 hashes.
 */
export const appendBulkSql = `
WITH inserted AS (
  INSERT INTO {{schema}}.events (stream_id, stream_version, type, schema_version, data, metadata, previous_hash, hash)
  SELECT $1, u.stream_version, u.type, u.schema_version, u.data::json, u.metadata::json, u.previous_hash, u.hash
  FROM unnest($2::integer[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[])
    AS u(stream_version, type, schema_version, data, metadata, previous_hash, hash)
  ORDER BY u.stream_version
  RETURNING transaction_id, position, stream_version
)
SELECT i.stream_version AS next_version, i.transaction_id::text AS txid_text, i.position::text AS position_text
FROM inserted AS i
ORDER BY i.stream_version DESC
LIMIT 1
`;

/** The actual version after a unique violation (the only time an append needs a second query). */
export const streamVersionSql = `
SELECT coalesce(max(stream_version), 0) AS version FROM {{schema}}.events WHERE stream_id = $1
`;

/** The name of the constraint whose violation means "someone else wrote that version first". */
export const STREAM_VERSION_CONSTRAINT = 'events_stream_version_unique';
