import type { OrderSnapshot } from './order-snapshot';

/**
 * Orders in force at an instant: issued, not canceled, issued no later than the instant and not
 * yet expired. Service status is tracked separately and does not decide whether an order is in
 * force (docs/law/precedence.md). Duplicates (the same order id twice) count once, and the
 * result is sorted so that callers never depend on input order.
 */
export const ordersInForce = (orders: readonly OrderSnapshot[], at: string): OrderSnapshot[] => {
  const t = Date.parse(at);
  const byId = new Map<string, { readonly o: OrderSnapshot; readonly issued: number }>();
  for (const o of orders) {
    if (o.status !== 'issued') continue;
    const issued = Date.parse(o.issuedAt);
    if (issued > t) continue;
    if (o.expiresAt !== null && Date.parse(o.expiresAt) <= t) continue;
    byId.set(o.orderId, { o, issued });
  }
  // Each issue time parsed once, not in every comparison of the sort (issue 12: pairs with many orders).
  return [...byId.values()].sort((a, b) => a.issued - b.issued || (a.o.orderId < b.o.orderId ? -1 : a.o.orderId > b.o.orderId ? 1 : 0)).map((x) => x.o);
};

/** Oldest first; ties (same issue time) by order id, so "latest" is always well defined. */
export const byIssueThenId = (a: OrderSnapshot, b: OrderSnapshot): number =>
  Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
