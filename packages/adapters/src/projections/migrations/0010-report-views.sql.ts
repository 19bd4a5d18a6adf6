/**
 * The report views (issue 16, ADR 0025): what the operational and statistical reports read, kept
 * by the order projection in the same transaction as the search rows, so no report reads the log.
 * - `order_search` gains when the order was created, added (entered) and first acknowledged by
 *   DOJ, and the DOJ deadline the domain set on OrderAdded (Fam. Code 6380(a), on the court's
 *   calendar): the timeliness, service, expiring and data-quality reports are indexed queries on it.
 * - `order_month_counts` (issued and entered per California month) and `order_in_force_counts`
 *   (in force per month of expiry), per county, court, order type and stage: narrow counters, so
 *   the statistical report sums a few thousand rows, not `order_statistics`' many.
 * - `order_event_counts`: renewals, cancellations by reason and DOJ rejects by error code, per
 *   month, county, court, order type and stage — events, not orders, so they are counted as they
 *   are applied.
 * - `access_counts`: denied access decisions and reads of sealed orders, per California day,
 *   agency, user and action, from the access audit's `AccessDecisionsRecorded` events.
 * The new columns and keys come from events the view did not keep, so the migration empties the
 * view and rewinds its checkpoint: the registry rebuilds it from the log at its next start.
 */
export const reportViewsMigration = {
  id: 'views-0010-report-views',
  sql: `
ALTER TABLE {{schema}}.order_search ADD COLUMN created_at timestamptz;
ALTER TABLE {{schema}}.order_search ADD COLUMN added_at timestamptz;
ALTER TABLE {{schema}}.order_search ADD COLUMN doj_deadline timestamptz;
ALTER TABLE {{schema}}.order_search ADD COLUMN doj_acknowledged_at timestamptz;
-- Covering partial indexes: each row-based report is an index-only scan of its own slice, with
-- what the filters and the caller's visibility read (ADR 0025).
CREATE INDEX order_search_doj_timeliness ON {{schema}}.order_search (issued_at)
  INCLUDE (court_ori, county, order_type, doj_deadline, doj_acknowledged_at, status, sealed, entering_ori, assigned_oris)
  WHERE doj_deadline IS NOT NULL AND status IN ('active', 'served', 'canceled');
-- Keyed on the end (never: infinity): the orders in force are one range, however many have expired.
CREATE INDEX order_search_unserved ON {{schema}}.order_search ((coalesce(expires_at, 'infinity'::timestamptz)))
  INCLUDE (expires_at, issued_at, court_ori, county, order_type, status, sealed, entering_ori, assigned_oris) WHERE status = 'active';
CREATE INDEX order_search_in_force_expiry ON {{schema}}.order_search (expires_at)
  INCLUDE (court_ori, county, order_type, stage, issued_at, status, sealed, entering_ori, assigned_oris) WHERE status IN ('active', 'served');
CREATE INDEX order_search_doj_open ON {{schema}}.order_search (doj_deadline) WHERE doj_acknowledged_at IS NULL AND status IN ('active', 'served', 'canceled');
CREATE INDEX order_search_doj_late ON {{schema}}.order_search (issued_at) WHERE doj_acknowledged_at > doj_deadline;
CREATE INDEX order_search_no_image ON {{schema}}.order_search ((coalesce(expires_at, 'infinity'::timestamptz)))
  INCLUDE (expires_at, issued_at, court_ori, county, order_type, status, sealed, entering_ori, assigned_oris) WHERE image_count = 0 AND status IN ('active', 'served');
CREATE INDEX order_search_drafts ON {{schema}}.order_search (created_at) WHERE status = 'draft';

TRUNCATE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair, {{schema}}.order_statistics;
UPDATE {{schema}}.projection_checkpoints SET position = NULL, last_recorded_at = NULL, updated_at = now() WHERE projection = 'order-search';

CREATE TABLE {{schema}}.order_month_counts (
  measure     text NOT NULL CHECK (measure IN ('issued', 'entered')),
  month       text NOT NULL,
  county      text NOT NULL,
  court_ori   text NOT NULL,
  order_type  text NOT NULL,
  stage       text NOT NULL,
  orders      bigint NOT NULL,
  PRIMARY KEY (measure, month, county, court_ori, order_type, stage)
);

CREATE TABLE {{schema}}.order_in_force_counts (
  expiry_month text NOT NULL,
  county       text NOT NULL,
  court_ori    text NOT NULL,
  order_type   text NOT NULL,
  stage        text NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (expiry_month, county, court_ori, order_type, stage)
);

CREATE TABLE {{schema}}.order_event_counts (
  kind        text NOT NULL CHECK (kind IN ('renewed', 'canceled', 'rejected')),
  month       text NOT NULL,
  county      text NOT NULL,
  court_ori   text NOT NULL,
  order_type  text NOT NULL,
  stage       text NOT NULL,
  reason      text NOT NULL,
  events      bigint NOT NULL,
  PRIMARY KEY (kind, month, county, court_ori, order_type, stage, reason)
);

CREATE TABLE {{schema}}.access_counts (
  day         text NOT NULL,
  agency_ori  text NOT NULL,
  user_id     text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('denied', 'sealed-read')),
  action      text NOT NULL,
  events      bigint NOT NULL,
  PRIMARY KEY (day, agency_ori, user_id, kind, action)
);
`,
} as const;
