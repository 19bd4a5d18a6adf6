/**
 * Order counts by county, type, stage, stored status and month of issue (California time).
 * Whether an order has expired depends on when one asks, so it is not a stored status; the
 * month an active or served order expires in (UTC, '' when it never does) is kept as a sixth
 * key instead, and the statistics query derives "expired" from it (order-statistics.ts).
 * Unknown values are '' so every key column can be part of the primary key.
 */
export const orderStatisticsMigration = {
  id: 'views-0004-order-statistics',
  sql: `
CREATE TABLE {{schema}}.order_statistics (
  county        text NOT NULL,
  order_type    text NOT NULL,
  stage         text NOT NULL,
  status        text NOT NULL,
  issue_month   text NOT NULL,
  expiry_month  text NOT NULL,
  orders        bigint NOT NULL,
  PRIMARY KEY (county, order_type, stage, status, issue_month, expiry_month)
);
`,
} as const;
