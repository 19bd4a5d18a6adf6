/**
 * The order's typed provisions (no contact, stay-away, firearms …) on its search row, so the
 * precedence rules (ADR 0007, 0040) can read every order about a person pair, and flag a page of
 * search hits, with one query and no event-store read per order.
 *
 * Rows projected before this column existed would say "no provisions" and so hide conflicts: the
 * migration empties the view and rewinds its checkpoint (projection 'order-search'), and the
 * next catch-up replays the log into it, as `ccpor projections rebuild` does.
 */
export const orderProvisionsMigration = {
  id: 'views-0006-order-provisions',
  sql: `
ALTER TABLE {{schema}}.order_search ADD COLUMN provisions jsonb NOT NULL DEFAULT '[]';
TRUNCATE {{schema}}.order_search, {{schema}}.order_search_protected, {{schema}}.order_party_pair, {{schema}}.order_statistics;
UPDATE {{schema}}.projection_checkpoints SET position = NULL, last_recorded_at = NULL, updated_at = now() WHERE projection = 'order-search';
`,
} as const;
