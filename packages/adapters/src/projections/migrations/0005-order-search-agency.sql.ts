/**
 * A local administrator's reports count their own agency's orders (issue 5: "reports of their
 * own agency"). The statistics table has no agency key, so those counts come from the agency's
 * rows of `order_search`; this index finds them without reading the whole view.
 */
export const orderSearchAgencyMigration = {
  id: 'views-0005-order-search-entering-ori',
  sql: `
CREATE INDEX order_search_entering_ori ON {{schema}}.order_search (entering_ori);
`,
} as const;
