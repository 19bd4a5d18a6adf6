/**
 * The order search view (one row per order) and its protected-person child table. Index notes
 * (docs/performance-goals.md, "query shape"; ADR 0022):
 * - DOB-constrained searches are driven by the DOB btree; name similarity is then checked on the
 *   ~100 rows that share a DOB, never by the trigram index.
 * - Windows of ±N years use the phonetic keys on composite (key, DOB) btrees.
 * - The trigram GIN indexes serve name-only searches (and nothing that also has a DOB).
 * - pg_trgm is created under a cluster-wide advisory lock: CREATE EXTENSION IF NOT EXISTS is not
 *   safe against a concurrent twin (two schemas migrating at once in parallel test runs).
 */
export const orderSearchMigration = {
  id: 'views-0002-order-search',
  sql: `
SELECT pg_advisory_xact_lock(hashtext('ccpor-create-extension-pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE {{schema}}.order_search (
  order_id          uuid PRIMARY KEY,
  stream_version    integer NOT NULL,
  last_position     text COLLATE "C" NOT NULL,
  last_recorded_at  timestamptz NOT NULL,
  entering_ori      text NOT NULL,
  assigned_oris     text[] NOT NULL DEFAULT '{}',
  cloned_from       uuid,
  court_ori         text,
  county            text,
  case_number       text,
  case_key          text,
  form              text,
  order_type        text,
  stage             text,
  category          text,
  status            text NOT NULL CHECK (status IN ('draft', 'discarded', 'active', 'served', 'canceled')),
  issued_at         timestamptz,
  expires_at        timestamptz,
  hearing_at        timestamptz,
  r_last            text,
  r_first           text,
  r_middle          text,
  r_last_key        text,
  r_first_key       text,
  r_full_name       text,
  r_nysiis          text,
  r_soundex         text,
  r_metaphone       text,
  r_metaphone_alt   text,
  r_dob             date,
  r_sex             text,
  r_race            text,
  protected_persons jsonb NOT NULL DEFAULT '[]',
  sealed            boolean NOT NULL DEFAULT false,
  image_shas        text[] NOT NULL DEFAULT '{}',
  image_count       integer NOT NULL DEFAULT 0,
  fcn               text,
  nic               text,
  doj_status        text NOT NULL DEFAULT 'none' CHECK (doj_status IN ('none', 'acknowledged', 'rejected'))
);
CREATE INDEX order_search_r_dob ON {{schema}}.order_search (r_dob);
CREATE INDEX order_search_r_nysiis_dob ON {{schema}}.order_search (r_nysiis, r_dob);
CREATE INDEX order_search_r_metaphone_dob ON {{schema}}.order_search (r_metaphone, r_dob);
CREATE INDEX order_search_r_metaphone_alt_dob ON {{schema}}.order_search (r_metaphone_alt, r_dob);
CREATE INDEX order_search_r_last_trgm ON {{schema}}.order_search USING gin (r_last_key gin_trgm_ops);
CREATE INDEX order_search_r_full_name_trgm ON {{schema}}.order_search USING gin (r_full_name gin_trgm_ops);
CREATE INDEX order_search_case_key ON {{schema}}.order_search (case_key);
CREATE INDEX order_search_fcn ON {{schema}}.order_search (fcn);
CREATE INDEX order_search_expires_at ON {{schema}}.order_search (expires_at);

CREATE TABLE {{schema}}.order_search_protected (
  order_id        uuid NOT NULL,
  ordinal         smallint NOT NULL,
  last            text NOT NULL,
  first           text NOT NULL,
  middle          text,
  last_key        text NOT NULL,
  first_key       text NOT NULL,
  full_name       text NOT NULL,
  nysiis          text NOT NULL,
  soundex         text NOT NULL,
  metaphone       text NOT NULL,
  metaphone_alt   text NOT NULL,
  dob             date,
  sex             text,
  race            text,
  minor           boolean NOT NULL,
  confidential    boolean NOT NULL,
  PRIMARY KEY (order_id, ordinal)
);
CREATE INDEX order_search_protected_dob ON {{schema}}.order_search_protected (dob);
CREATE INDEX order_search_protected_nysiis_dob ON {{schema}}.order_search_protected (nysiis, dob);
CREATE INDEX order_search_protected_metaphone_dob ON {{schema}}.order_search_protected (metaphone, dob);
CREATE INDEX order_search_protected_metaphone_alt_dob ON {{schema}}.order_search_protected (metaphone_alt, dob);
CREATE INDEX order_search_protected_last_trgm ON {{schema}}.order_search_protected USING gin (last_key gin_trgm_ops);
CREATE INDEX order_search_protected_full_name_trgm ON {{schema}}.order_search_protected USING gin (full_name gin_trgm_ops);
`,
} as const;
