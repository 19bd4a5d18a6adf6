/**
 * The commands whose answer carries `warnings`: the order's conflicts with orders in force about
 * the same people (`conflictsWithProposed`), while it is drafted and when it is added (issue 7).
 */
export const WARNING_ROUTES: ReadonlySet<string> = new Set(['post /orders/drafts', 'patch /orders/:orderId/draft', 'post /orders', 'post /orders/:orderId/add']);
