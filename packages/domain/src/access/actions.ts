/**
 * Everything the registry lets someone do, one name per guarded route or command, so the
 * authorization matrix can be written as data and tested exhaustively.
 */
export const ORDER_ACTIONS = [
  'order.draft',
  'order.add',
  'order.modify',
  'order.renew',
  'order.serve',
  'order.cancel',
  'order.clone',
  'order.discard',
  'order.image.attach',
  'order.image.remove',
  'order.read',
  'order.history',
  'order.image.read',
  'order.doj.read',
  'order.doj.review',
  'order.doj.resend',
  'order.firearms.receipt',
  'order.court-filing',
] as const;

export const GLOBAL_ACTIONS = [
  'search',
  'statistics.read',
  'reports.access.read',
  'doj.queue.read',
  'doj.queue.manage',
  'doj.query',
  'doj.reconcile',
  'doj.reconciliation.read',
  'users.manage',
  'agencies.manage',
  'api-keys.manage',
  'audit.replay',
  'audit.verify',
  'projections.manage',
  'integrations.manage',
  'integrations.feed.read',
  'notifications.manage',
  'notifications.log.read',
  'courts.calendar.manage',
] as const;

export type OrderAction = (typeof ORDER_ACTIONS)[number];
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];
export type Action = OrderAction | GlobalAction;

/** Order actions that change the order (as opposed to reading it). */
export const WRITE_ACTIONS: ReadonlySet<OrderAction> = new Set([
  'order.draft',
  'order.add',
  'order.modify',
  'order.renew',
  'order.serve',
  'order.cancel',
  'order.clone',
  'order.discard',
  'order.image.attach',
  'order.image.remove',
  'order.firearms.receipt',
  'order.court-filing',
]);
