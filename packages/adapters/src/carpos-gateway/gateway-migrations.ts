import { type Migration } from '../event-store/sql/migrations';

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
 * Every DOJ deadline of every order the gateway submits, one row each (ADR 0042): what it is for,
 * when it started and falls due (as the domain decided it), when the gateway first sent a message
 * carrying it to CLETS and when DOJ acknowledged one, so timeliness is measured both ways. An
 * outbox row names the deadlines its message carries (`deadline_ids`): an enter or modify carries
 * the whole record, so every record deadline still open when it was written. Orders the gateway
 * already held get their first deadline (the enter's, 'd1' as the domain numbers it) from what
 * carpos_orders recorded.
 */
const deadlineTables: Migration = {
  id: 'carpos-gateway-0002-deadlines',
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
export const carposGatewayMigrations: readonly Migration[] = [createGatewayTables, deadlineTables];
