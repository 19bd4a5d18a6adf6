import { type Migration } from '../sql/migration';

/**
 * The delivery outboxes' tables (ADR 0071), beside the event log like the CARPOS gateway's:
 * - delivery_checkpoints: how far each feeder has read the log (compare-and-set);
 * - delivery_outbox: one row per message to one receiver. `delivery_id` is told to the receiver
 *   and is the same on every attempt; `(channel, dedupe_key)` is unique, so a batch fed twice
 *   writes nothing twice; rows with one `ordering_key` go one after the other.
 */
const createDeliveryTables: Migration = {
  id: 'delivery-0001',
  sql: `
CREATE TABLE {{schema}}.delivery_checkpoints (
  name text PRIMARY KEY,
  position text
);

CREATE TABLE {{schema}}.delivery_outbox (
  id bigserial PRIMARY KEY,
  channel text NOT NULL,
  delivery_id uuid NOT NULL UNIQUE,
  dedupe_key text NOT NULL,
  target text NOT NULL,
  ordering_key text NOT NULL,
  agency_ori text,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  CONSTRAINT delivery_outbox_status CHECK (status IN ('pending', 'in-flight', 'delivered', 'dead', 'withheld')),
  UNIQUE (channel, dedupe_key)
);
CREATE INDEX delivery_outbox_ready ON {{schema}}.delivery_outbox (channel, id) WHERE status IN ('pending', 'in-flight');
CREATE INDEX delivery_outbox_open ON {{schema}}.delivery_outbox (channel, ordering_key, id) WHERE status IN ('pending', 'in-flight', 'dead');
CREATE INDEX delivery_outbox_agency ON {{schema}}.delivery_outbox (channel, agency_ori, id);
`,
};

/** Every migration of the delivery outboxes, in order. Append only. */
export const deliveryMigrations: readonly Migration[] = [createDeliveryTables];
