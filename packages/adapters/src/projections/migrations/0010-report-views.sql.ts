/**
 * The report views (issue 16, ADR 0025): what the operational and statistical reports read, kept
 * by the order projection in the same transaction as the search rows, so no report reads the log.
 * - `order_search` gains when the order was created, added (entered) and first acknowledged by
 *   DOJ, and the DOJ deadline the domain set on OrderAdded (Fam. Code 6380(a), on the court's
 *   calendar): the timeliness, service, expiring and data-quality reports are indexed queries on it.
 * - `order_statistics` gains the issuing court and the month of entry as keys, so counts by court
 *   and "entered by month" come from the counters, not from the rows.
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
CREATE INDEX order_search_issued_at ON {{schema}}.order_search (issued_at) WHERE issued_at IS NOT NULL AND status <> 'discarded';
CREATE INDEX order_search_unserved ON {{schema}}.order_search (issued_at) WHERE status = 'active';
CREATE INDEX order_search_doj_open ON {{schema}}.order_search (doj_deadline) WHERE doj_acknowledged_at IS NULL AND status IN ('active', 'served', 'canceled');
CREATE INDEX order_search_no_image ON {{schema}}.order_search (issued_at) WHERE image_count = 0 AND status IN ('active', 'served');
CREATE INDEX order_search_drafts ON {{schema}}.order_search (created_at) WHERE status = 'draft';

TRUNCATE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair, {{schema}}.order_statistics;
UPDATE {{schema}}.projection_checkpoints SET position = NULL, last_recorded_at = NULL, updated_at = now() WHERE projection = 'order-search';

ALTER TABLE {{schema}}.order_statistics ADD COLUMN court_ori text NOT NULL DEFAULT '';
ALTER TABLE {{schema}}.order_statistics ADD COLUMN entry_month text NOT NULL DEFAULT '';
ALTER TABLE {{schema}}.order_statistics DROP CONSTRAINT order_statistics_pkey;
ALTER TABLE {{schema}}.order_statistics ADD PRIMARY KEY (county, court_ori, order_type, stage, status, issue_month, expiry_month, entry_month);

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
