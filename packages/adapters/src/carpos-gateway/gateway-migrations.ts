import { type Migration } from '../sql/migration';

/**
 * The gateway's tables, applied with the shared migration runner into the registry's schema.
 * Ids carry a prefix so they never collide with the event store's in `schema_migrations`.
 *
 * - carpos_checkpoints: how far the gateway has read the event log (compare-and-set).
 * - carpos_order_state: per order, the folded domain state the gateway maps from; written by
 *   the feeder only, so its batches never wait on the response handler's row locks.
 * - carpos_orders: per order added to the registry, the CARPOS facts: who submits, the record
 *   numbers, correction flag and the timeliness facts (issue, deadline, enter acknowledged).
 * - carpos_outbox: one row per order event that concerns CARPOS; `message_id` is the frame id
 *   the row travels under on every attempt, so DOJ and the gateway can recognise repeats;
 *   `attempts` counts towards the dead letter (an operator's retry resets it), `sends` counts
 *   every time the message went out.
 * - carpos_notifications: unsolicited DOJ messages, addressed to an agency by ORI.
 */
const createGatewayTables: Migration = {
  id: 'carpos-gateway-0001',
  sql: `
CREATE TABLE {{schema}}.carpos_checkpoints (
  name text PRIMARY KEY,
  position text
);

CREATE TABLE {{schema}}.carpos_order_state (
  order_id text PRIMARY KEY,
  state jsonb NOT NULL,
  state_version integer NOT NULL
);

CREATE TABLE {{schema}}.carpos_orders (
  order_id text PRIMARY KEY,
  agency_ori text,
  submitted boolean,
  submitter text,
  submitter_ori text,
  issued_at timestamptz,
  added_at timestamptz,
  doj_deadline timestamptz,
  fcn text,
  nic text,
  entered boolean NOT NULL DEFAULT false,
  entered_at timestamptz,
  correction boolean NOT NULL DEFAULT false,
  withdrawn boolean NOT NULL DEFAULT false
);
CREATE INDEX carpos_orders_due ON {{schema}}.carpos_orders (doj_deadline) WHERE submitted AND NOT entered AND NOT withdrawn;
CREATE INDEX carpos_orders_fcn ON {{schema}}.carpos_orders (fcn) WHERE fcn IS NOT NULL;

CREATE TABLE {{schema}}.carpos_outbox (
  id bigserial PRIMARY KEY,
  message_id text GENERATED ALWAYS AS (lpad((id % 100000000)::text, 8, '0')) STORED,
  event_id text NOT NULL UNIQUE,
  order_id text NOT NULL,
  stream_version integer NOT NULL,
  transaction text NOT NULL,
  screen text,
  message jsonb NOT NULL,
  missing jsonb,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  sends integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  response_due_at timestamptz,
  merged_into bigint,
  last_error text,
  response jsonb,
  event_recorded_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  first_sent_at timestamptz,
  last_sent_at timestamptz,
  answered_at timestamptz,
  CONSTRAINT carpos_outbox_status CHECK (status IN ('awaiting-data', 'pending', 'in-flight', 'acknowledged', 'rejected', 'dead', 'merged', 'withdrawn'))
);
CREATE INDEX carpos_outbox_ready ON {{schema}}.carpos_outbox (id) WHERE status = 'pending';
CREATE INDEX carpos_outbox_in_flight ON {{schema}}.carpos_outbox (response_due_at) WHERE status = 'in-flight';
CREATE INDEX carpos_outbox_order ON {{schema}}.carpos_outbox (order_id, id);
CREATE INDEX carpos_outbox_message_id ON {{schema}}.carpos_outbox (message_id);

CREATE TABLE {{schema}}.carpos_notifications (
  id bigserial PRIMARY KEY,
  frame_id text NOT NULL,
  text text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  agency_ori text NOT NULL,
  notification_type text,
  fcn text,
  nic text,
  order_id text,
  message jsonb NOT NULL,
  UNIQUE (frame_id, text)
);
CREATE INDEX carpos_notifications_agency ON {{schema}}.carpos_notifications (agency_ori, id);
`,
};

/**
 * CARPOS queries and reconciliation (ADR 0012, 0013):
 * - expression indexes on the folded order state, so a DOJ record finds its registry order by
 *   FCN, NIC or (issuing court, case number as CARPOS writes it: letters and digits, upper case,
 *   at most 20) without reading every order;
 * - `requested_by` on outbox rows an operator asked for (a resend), not fed from the log;
 * - the reconciliation's runs, its per-court progress (the continuation token of the listing
 *   is the checkpoint), the DOJ records each run has read (its journal: read once, never twice),
 *   and the differences it found (unique per run, kind, record and order);
 * - DOJ records a user attached to an order (answers are otherwise not kept).
 */
const queriesAndReconciliation: Migration = {
  id: 'carpos-gateway-0002',
  sql: `
CREATE INDEX carpos_order_state_fcn ON {{schema}}.carpos_order_state ((state->'doj'->>'fcn')) WHERE state->'doj'->>'fcn' IS NOT NULL;
CREATE INDEX carpos_order_state_nic ON {{schema}}.carpos_order_state ((state->'doj'->>'nic')) WHERE state->'doj'->>'nic' IS NOT NULL;
CREATE INDEX carpos_order_state_case ON {{schema}}.carpos_order_state (
  (state->'details'->'court'->>'ori'),
  (left(upper(regexp_replace(state->'details'->>'caseNumber', '[^A-Za-z0-9]', '', 'g')), 20)));

ALTER TABLE {{schema}}.carpos_outbox ADD COLUMN requested_by jsonb;

CREATE TABLE {{schema}}.carpos_recon_runs (
  id bigserial PRIMARY KEY,
  scope text NOT NULL,
  court_ori text,
  trigger text NOT NULL,
  requested_by jsonb NOT NULL,
  status text NOT NULL,
  as_of timestamptz NOT NULL,
  rate_per_second double precision NOT NULL,
  page_size integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  registry_in_force integer NOT NULL DEFAULT 0,
  doj_records integer NOT NULL DEFAULT 0,
  doj_total integer NOT NULL DEFAULT 0,
  pages integer NOT NULL DEFAULT 0,
  differences integer NOT NULL DEFAULT 0,
  last_error text,
  CONSTRAINT carpos_recon_runs_status CHECK (status IN ('running', 'completed', 'failed', 'canceled')),
  CONSTRAINT carpos_recon_runs_scope CHECK (scope IN ('state', 'court'))
);
CREATE UNIQUE INDEX carpos_recon_runs_one_running ON {{schema}}.carpos_recon_runs ((true)) WHERE status = 'running';

CREATE TABLE {{schema}}.carpos_recon_courts (
  run_id bigint NOT NULL REFERENCES {{schema}}.carpos_recon_runs (id) ON DELETE CASCADE,
  court_ori text NOT NULL,
  phase text NOT NULL DEFAULT 'listing',
  next_token text,
  pages integer NOT NULL DEFAULT 0,
  doj_records integer NOT NULL DEFAULT 0,
  doj_total integer,
  registry_in_force integer,
  PRIMARY KEY (run_id, court_ori),
  CONSTRAINT carpos_recon_courts_phase CHECK (phase IN ('listing', 'listed', 'done'))
);

CREATE TABLE {{schema}}.carpos_recon_seen (
  run_id bigint NOT NULL REFERENCES {{schema}}.carpos_recon_runs (id) ON DELETE CASCADE,
  fcn text NOT NULL,
  court_ori text NOT NULL,
  order_id text,
  PRIMARY KEY (run_id, fcn)
);
CREATE INDEX carpos_recon_seen_order ON {{schema}}.carpos_recon_seen (run_id, order_id) WHERE order_id IS NOT NULL;

CREATE TABLE {{schema}}.carpos_recon_differences (
  id bigserial PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES {{schema}}.carpos_recon_runs (id) ON DELETE CASCADE,
  court_ori text NOT NULL,
  kind text NOT NULL,
  order_id text,
  fcn text,
  nic text,
  case_number text,
  sealed boolean NOT NULL DEFAULT false,
  fields jsonb NOT NULL DEFAULT '[]',
  registry jsonb,
  doj jsonb,
  fixes jsonb NOT NULL DEFAULT '[]',
  CONSTRAINT carpos_recon_differences_kind CHECK (kind IN ('absent-at-doj', 'different', 'inactive-in-registry', 'only-at-doj'))
);
CREATE UNIQUE INDEX carpos_recon_differences_once ON {{schema}}.carpos_recon_differences (run_id, kind, (coalesce(fcn, '')), (coalesce(order_id, '')));
CREATE INDEX carpos_recon_differences_court ON {{schema}}.carpos_recon_differences (run_id, court_ori, id);

CREATE TABLE {{schema}}.carpos_attached_records (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL,
  fcn text NOT NULL,
  query_message_id text NOT NULL,
  asked_at timestamptz NOT NULL,
  record jsonb NOT NULL,
  attached_by jsonb NOT NULL,
  attached_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, fcn, query_message_id)
);
`,
};

/**
 * Every DOJ deadline of every order the gateway submits, one row each (ADR 0042): what it is for,
 * when it started and falls due (as the domain decided it), when the gateway first sent a message
 * carrying it to CLETS and when DOJ acknowledged one, so timeliness is measured both ways. An
 * outbox row names the deadlines its message carries (`deadline_ids`): an enter or modify carries
 * the whole record, so every record deadline still open when it was written. Orders the gateway
 * already held get their first deadline (the enter's, 'd1' as the domain numbers it) from what
 * carpos_orders recorded.
 */
const deadlineTables: Migration = {
  id: 'carpos-gateway-0003-deadlines',
  sql: `
ALTER TABLE {{schema}}.carpos_outbox ADD COLUMN deadline_ids text[] NOT NULL DEFAULT '{}';

CREATE TABLE {{schema}}.carpos_deadlines (
  order_id text NOT NULL,
  deadline_id text NOT NULL,
  purpose text NOT NULL,
  transaction text,
  started_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  sent_at timestamptz,
  acknowledged_at timestamptz,
  withdrawn boolean NOT NULL DEFAULT false,
  PRIMARY KEY (order_id, deadline_id)
);
CREATE INDEX carpos_deadlines_open ON {{schema}}.carpos_deadlines (due_at) WHERE acknowledged_at IS NULL AND NOT withdrawn;

INSERT INTO {{schema}}.carpos_deadlines (order_id, deadline_id, purpose, transaction, started_at, due_at, sent_at, acknowledged_at, withdrawn)
SELECT r.order_id, 'd1', 'issue', 'enter', COALESCE(r.issued_at, r.added_at, r.doj_deadline), r.doj_deadline,
       (SELECT min(o.first_sent_at) FROM {{schema}}.carpos_outbox o WHERE o.order_id = r.order_id AND o.transaction = 'enter'),
       r.entered_at, r.withdrawn
FROM {{schema}}.carpos_orders r WHERE r.submitted AND r.doj_deadline IS NOT NULL
ON CONFLICT DO NOTHING;
UPDATE {{schema}}.carpos_outbox SET deadline_ids = ARRAY['d1'] WHERE transaction = 'enter';
`,
};

/** Every migration of the CARPOS gateway, in order. Append only. */
export const carposGatewayMigrations: readonly Migration[] = [createGatewayTables, queriesAndReconciliation, deadlineTables];
