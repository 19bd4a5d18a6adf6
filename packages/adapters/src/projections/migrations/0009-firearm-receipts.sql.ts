/**
 * When each order's firearm relinquishment receipt falls due, and when one was filed, on its
 * search row (docs/law/firearms.md), so the overdue list and its gauge are one indexed query.
 * Orders served before firearm deadlines existed never started one, so no replay is needed: the
 * new columns start empty, which is what those orders' events say.
 */
export const firearmReceiptsMigration = {
  id: 'views-0009-firearm-receipts',
  sql: `
ALTER TABLE {{schema}}.order_search ADD COLUMN firearm_receipt_due timestamptz;
ALTER TABLE {{schema}}.order_search ADD COLUMN firearm_receipt_filed_at timestamptz;
CREATE INDEX order_search_firearm_receipt_due ON {{schema}}.order_search (firearm_receipt_due) WHERE firearm_receipt_due IS NOT NULL;
`,
} as const;
