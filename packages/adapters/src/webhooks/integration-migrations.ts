import { type Migration } from '../sql/migration';

/**
 * The integration feed's tables (ADR 0072), beside the log:
 * - integration_order_state: per order, the folded state the planner decides from (who owns it,
 *   who it is assigned to, whether it is sealed);
 * - integration_feed: per agency, every change to the orders it entered or is assigned to, in log
 *   order; `seq` is the pull feed's cursor;
 * - webhook_subscriptions: an API key's webhook: where to, which topics, its signing secret sealed
 *   with the registry's secrets key (never stored or shown in clear after creation).
 */
const createIntegrationTables: Migration = {
  id: 'integrations-0001',
  sql: `
CREATE TABLE {{schema}}.integration_order_state (
  order_id text PRIMARY KEY,
  state jsonb NOT NULL,
  state_version integer NOT NULL
);

CREATE TABLE {{schema}}.integration_feed (
  seq bigserial PRIMARY KEY,
  agency_ori text NOT NULL,
  order_id text NOT NULL,
  stream_version integer NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  topic text NOT NULL,
  recorded_at timestamptz NOT NULL,
  position text NOT NULL,
  UNIQUE (agency_ori, event_id)
);
CREATE INDEX integration_feed_agency ON {{schema}}.integration_feed (agency_ori, seq);

CREATE TABLE {{schema}}.webhook_subscriptions (
  id uuid PRIMARY KEY,
  agency_ori text NOT NULL,
  api_key_id text NOT NULL,
  url text NOT NULL,
  topics text[] NOT NULL,
  secret_sealed text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  deactivated_at timestamptz
);
CREATE INDEX webhook_subscriptions_agency ON {{schema}}.webhook_subscriptions (agency_ori) WHERE active;
`,
};

export const integrationMigrations: readonly Migration[] = [createIntegrationTables];
