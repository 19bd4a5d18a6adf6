import { type Migration } from '../sql/migration';

/**
 * The mail notifications' tables (ADR 0073), beside the log:
 * - notification_contacts: who receives which notifications: an agency's designated staff, or a
 *   protected person who opted in on one order. The address is sealed with the secrets key and
 *   is read only to send; `address_hint` is what lists and the delivery log show.
 * - notification_order_state: per order, the folded state the planner decides from;
 * - notification_schedule: time-bound notifications (DOJ deadline passed, expiry near, renewal
 *   window open), each due once per milestone (the deadline or expiry it is about).
 */
const createNotificationTables: Migration = {
  id: 'notifications-0001',
  sql: `
CREATE TABLE {{schema}}.notification_contacts (
  id uuid PRIMARY KEY,
  scope text NOT NULL CHECK (scope IN ('agency', 'protected-person')),
  agency_ori text NOT NULL,
  order_id text,
  kinds text[] NOT NULL,
  language text NOT NULL,
  address_sealed text NOT NULL,
  address_hint text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  unsubscribed_at timestamptz
);
CREATE INDEX notification_contacts_agency ON {{schema}}.notification_contacts (agency_ori) WHERE scope = 'agency' AND unsubscribed_at IS NULL;
CREATE INDEX notification_contacts_order ON {{schema}}.notification_contacts (order_id) WHERE scope = 'protected-person' AND unsubscribed_at IS NULL;

CREATE TABLE {{schema}}.notification_order_state (
  order_id text PRIMARY KEY,
  state jsonb NOT NULL,
  state_version integer NOT NULL
);

CREATE TABLE {{schema}}.notification_schedule (
  order_id text NOT NULL,
  kind text NOT NULL,
  milestone text NOT NULL,
  agency_ori text NOT NULL,
  due_at timestamptz NOT NULL,
  done boolean NOT NULL DEFAULT false,
  PRIMARY KEY (order_id, kind, milestone)
);
CREATE INDEX notification_schedule_due ON {{schema}}.notification_schedule (due_at) WHERE NOT done;
`,
};

export const notificationMigrations: readonly Migration[] = [createNotificationTables];
