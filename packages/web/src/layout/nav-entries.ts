import { DATA_ENTRY_ROLES, type GlobalAction } from '@ccpor/domain';
import type { Me } from '../api/types';
import { may } from '../view-logic/principal';

/**
 * The header's sections, in order: one line each. A section shows to the users the domain's
 * access policy lets do its action; `count` names a live count the header shows beside it.
 * A new section (reports, entry) is one more line here.
 */
interface NavBase {
  readonly to: '/search' | '/orders/new' | '/queues' | '/carpos/query' | '/carpos/reconciliations' | '/reports' | '/admin';
  readonly label: string;
  /** Also active on these address prefixes (a section with several pages). */
  readonly prefix?: string;
  readonly count?: 'doj-queues';
}

/**
 * Shown for a global action the policy allows (or any of several), or (`entersOrders`) to users
 * whose role enters orders: whether they may enter one is decided per order and court, on the
 * entry page.
 */
export type NavEntry = NavBase & ({ readonly action: GlobalAction } | { readonly anyOf: readonly GlobalAction[] } | { readonly entersOrders: true });

export const NAV_ENTRIES: readonly NavEntry[] = [
  { to: '/search', label: 'Search orders', action: 'search' },
  { to: '/orders/new', label: 'New order', entersOrders: true },
  { to: '/queues', label: 'DOJ queues', action: 'doj.queue.read', prefix: '/queues', count: 'doj-queues' },
  { to: '/carpos/query', label: 'CARPOS query', action: 'doj.query' },
  { to: '/carpos/reconciliations', label: 'Reconciliation', action: 'doj.reconciliation.read' },
  { to: '/reports', label: 'Reports', anyOf: ['statistics.read', 'reports.access.read'], prefix: '/reports' },
  { to: '/admin', label: 'Administration', action: 'users.manage', prefix: '/admin' },
];

export const visibleEntries = (me: Me): readonly NavEntry[] =>
  NAV_ENTRIES.filter((e) => ('action' in e ? may(me, e.action) : 'anyOf' in e ? e.anyOf.some((a) => may(me, a)) : me.roles.some((r) => DATA_ENTRY_ROLES.includes(r))));
