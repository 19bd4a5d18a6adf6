import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { EntryPage } from '../entry/entry-page';
import { NewOrderPage } from '../entry/new-order-page';
import { AppLayout } from '../layout/app-layout';
import { NotFoundPage } from '../layout/not-found-page';
import { OrderPage } from '../order/order-page';
import { validateOrderParams } from '../order/order-params';
import { parseSearchString, stringifySearchObject, validateSearchParams } from '../search/search-params';
import { ReportPage } from '../reports/report-page';
import { validateReportParams } from '../reports/report-params';
import { ReportsIndexPage } from '../reports/reports-index-page';
import { SearchPage } from '../search/search-page';
import { isQueueName } from '../queues/queue-catalogue';
import type { QueueName } from '../queues/queue-queries';
import { QueuesPage } from '../queues/queues-page';
import { CarposQueryPage } from '../carpos/carpos-query-page';
import { ReconciliationPage } from '../carpos/reconciliation-page';
import { AgenciesPage } from '../admin/agencies-page';
import { ApiKeysPage } from '../admin/api-keys-page';
import { ReadinessPage } from '../admin/readiness-page';
import { NotificationsPage } from '../admin/notifications-page';
import { UsersPage } from '../admin/users-page';
import { ChangePasswordPage } from '../session/change-password-page';
import { safeRedirect, sessionQuery } from '../session/session-queries';
import { SignInPage } from '../session/sign-in-page';

/**
 * Every page of the application and its typed address. Signed-in pages hang under `app`, which
 * checks the session and puts the header on them; parts 2 and 3 (entry, queues, administration)
 * add their routes under it the same way.
 */
export interface RouterContext {
  readonly queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet, notFoundComponent: NotFoundPage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string; reason?: 'expired' | 'signed-out' } => ({
    ...(safeRedirect(raw.redirect) !== undefined ? { redirect: safeRedirect(raw.redirect) } : {}),
    ...(raw.reason === 'expired' || raw.reason === 'signed-out' ? { reason: raw.reason } : {}),
  }),
  // Someone already signed in (a bookmark of the sign-in page, a second tab) goes where they were headed.
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (me !== null && !me.mustChangePassword) throw redirect({ href: search.redirect ?? '/search' });
  },
  component: SignInPage,
});

const changePasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/change-password',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } => (safeRedirect(raw.redirect) !== undefined ? { redirect: safeRedirect(raw.redirect) } : {}),
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(sessionQuery);
    if (me === null) throw redirect({ to: '/sign-in', search: { redirect: safeRedirect(location.href) } });
  },
  component: ChangePasswordPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(sessionQuery);
    if (me === null) throw redirect({ to: '/sign-in', search: { redirect: safeRedirect(location.href) } });
    if (me.mustChangePassword) throw redirect({ to: '/change-password', search: { redirect: safeRedirect(location.href) } });
    return { me };
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/search' });
  },
});

const searchRoute = createRoute({ getParentRoute: () => appRoute, path: '/search', validateSearch: validateSearchParams, component: SearchPage });

const orderRoute = createRoute({ getParentRoute: () => appRoute, path: '/orders/$orderId', validateSearch: validateOrderParams, component: OrderPage });

const newOrderRoute = createRoute({ getParentRoute: () => appRoute, path: '/orders/new', component: NewOrderPage });

const entryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/orders/$orderId/entry',
  validateSearch: (raw: Record<string, unknown>): { image?: number } => {
    const image = Number(raw.image);
    return Number.isInteger(image) && image > 0 && image < 100 ? { image } : {};
  },
  component: EntryPage,
});

const queuesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/queues',
  validateSearch: (raw: Record<string, unknown>): { q?: QueueName } => (isQueueName(raw.q) ? { q: raw.q } : {}),
  component: QueuesPage,
});

const carposQueryRoute = createRoute({ getParentRoute: () => appRoute, path: '/carpos/query', component: CarposQueryPage });
const reconciliationRoute = createRoute({ getParentRoute: () => appRoute, path: '/carpos/reconciliations', component: ReconciliationPage });

const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  beforeLoad: ({ location }) => {
    if (location.pathname === '/admin' || location.pathname === '/admin/') throw redirect({ to: '/admin/users' });
  },
});
const adminUsersRoute = createRoute({ getParentRoute: () => adminRoute, path: '/users', component: UsersPage });
const adminAgenciesRoute = createRoute({ getParentRoute: () => adminRoute, path: '/agencies', component: AgenciesPage });
const adminApiKeysRoute = createRoute({ getParentRoute: () => adminRoute, path: '/api-keys', component: ApiKeysPage });
const adminReadinessRoute = createRoute({ getParentRoute: () => adminRoute, path: '/readiness', component: ReadinessPage });
const adminNotificationsRoute = createRoute({ getParentRoute: () => adminRoute, path: '/notifications', component: NotificationsPage });

const reportsRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports', component: ReportsIndexPage });
const reportRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports/$report', validateSearch: validateReportParams, component: ReportPage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  changePasswordRoute,
  appRoute.addChildren([homeRoute, searchRoute, newOrderRoute, entryRoute, orderRoute, queuesRoute, carposQueryRoute, reconciliationRoute, reportsRoute, reportRoute, adminRoute.addChildren([adminUsersRoute, adminAgenciesRoute, adminApiKeysRoute, adminReadinessRoute, adminNotificationsRoute])]),
]);

export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({
    routeTree,
    context: { queryClient },
    parseSearch: parseSearchString,
    stringifySearch: stringifySearchObject,
    defaultPreload: false,
    scrollRestoration: true,
  });

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
