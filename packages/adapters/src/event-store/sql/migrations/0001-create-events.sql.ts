/**
 * The event log. Notes on the choices:
 * - `transaction_id` (xid8) with `position` gives the gap-free global order: readers only
 *   look below the oldest running transaction and order by (transaction_id, position).
 * - `data` and `metadata` are `json`, not `jsonb`: json keeps the text exactly as written,
 *   so the stored bytes of an event never change (upcasting happens on read), and reading
 *   it back needs no conversion.
 * - The unique (stream_id, stream_version) constraint is the optimistic-concurrency check:
 *   two writers at the same version cannot both commit.
 */
export const createEventsMigration = {
  id: '0001-create-events',
  sql: `
CREATE TABLE {{schema}}.events (
  position        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  xid8    NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text    NOT NULL,
  stream_version  integer NOT NULL CHECK (stream_version > 0),
  type            text    NOT NULL,
  schema_version  integer NOT NULL,
  data            json    NOT NULL,
  metadata        json    NOT NULL,
  previous_hash   text    NOT NULL,
  hash            text    NOT NULL,
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_log_order ON {{schema}}.events (transaction_id, position);
`,
} as const;
