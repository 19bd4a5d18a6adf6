/**
 * Two indexes for the access policy's side doors (issue 12, ADR 0034 and 0036):
 * - `order_search_image_shas`: which orders hold a given image's bytes, so a download is
 *   authorized against every one of them, not only the order in the URL;
 * - `order_search_hidden`: the sealed orders and drafts, the rows some callers may not see, so
 *   statistics can leave out what the caller could not find without reading the whole view.
 */
export const hiddenOrdersMigration = {
  id: 'views-0008-hidden-orders-and-image-holders',
  sql: `
CREATE INDEX order_search_image_shas ON {{schema}}.order_search USING gin (image_shas);
CREATE INDEX order_search_hidden ON {{schema}}.order_search (entering_ori) WHERE sealed OR status IN ('draft', 'discarded');
`,
} as const;
