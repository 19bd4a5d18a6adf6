import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Leadership } from '@ccpor/adapters';
import type { Clock, SharedState } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { AccessAuditLog } from '../audit/access-audit';
import { registerAuditRoutes, type AuditRouteNeeds } from '../audit/audit-routes';
import { authenticate } from '../auth/authenticate';
import type { SessionTokens } from '../auth/sessions';
import { registerCarposRoutes, type CarposRouteNeeds } from '../carpos/carpos-routes';
import { registerCarposQueryRoutes, type CarposQueryRouteNeeds } from '../carpos/query-routes';
import { registerCarposReconciliationRoutes, type CarposReconciliationRouteNeeds } from '../carpos/reconciliation-routes';
import { registerSessionRoutes, type SessionRouteNeeds } from '../auth/session-routes';
import type { Config } from '../config/config';
import { registerAdminRoutes, type AdminRouteNeeds } from '../identity/admin-routes';
import type { IdentityReadModel } from '../identity/identity-read-model';
import type { IdentityService } from '../identity/identity-service';
import { registerFormReadingRoutes, type FormReadingRouteNeeds } from '../form-reading/form-reading-routes';
import { registerImageRoutes, type ImageRouteNeeds } from '../images/image-routes';
import { registerNiemRoutes, type NiemRouteNeeds } from '../niem/niem-routes';
import { registerIntegrationRoutes, type IntegrationRouteNeeds } from '../integrations/integration-routes';
import { registerNotificationRoutes, type NotificationRouteNeeds } from '../notifications/notification-routes';
import type { Metrics } from '../ops/metrics';
import { openApiDocument } from '../openapi/openapi-document';
import { registerCourtCalendarRoutes, type CourtCalendarRouteNeeds } from '../courts/court-calendar-routes';
import { registerReadinessRoutes, type ReadinessRouteNeeds } from '../courts/readiness-routes';
import { registerFirearmRoutes, type FirearmRouteNeeds } from '../firearms/firearm-routes';
import { registerReportRoutes, type ReportRouteNeeds } from '../reports/report-routes';
import { registerCommandRoutes } from '../orders/command-routes';
import { registerReadRoutes, type ReadRouteNeeds } from '../orders/read-routes';
import { registerDraftsListRoute, type DraftsListRouteNeeds } from '../orders/drafts-list-route';
import type { OrderSearchService } from '../search/order-search-service';
import { registerSearchRoutes, type SearchRouteNeeds } from '../search/search-routes';
import { serveWebApp } from '../web/web-app';
import { ApiRouter } from './api-router';
import { DEFAULT_SCALE } from '../config/scale-env';
import { makeGuard } from './guard';
import { bytesOf, MAX_JSON_DEPTH, refuseDeepJson, requestLimits } from './request-limits';
import { imageTooLarge, MULTIPART_OVERHEAD } from '../images/image-routes';
import type { IdempotencyStore } from './idempotency';
import { Problem } from './problem';
import { SharedRateLimitStore } from './shared-rate-limit-store';

export const API_VERSION = '1.0.0';
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

const routeLabel = (req: Request) => {
  const r = (req.route as { path?: string } | undefined)?.path;
  return r ? `${req.baseUrl}${r}` : 'unmatched';
};

/** Renders any error as application/problem+json; unexpected ones are logged and answered 500 without details. */
const problemHandler = (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
  let problem: Problem;
  if (err instanceof Problem) problem = err;
  else if (typeof err === 'object' && err !== null && 'type' in err && (err as { type: string }).type === 'entity.too.large')
    problem = new Problem(413, 'BODY_TOO_LARGE', 'Request body too large', 'The request body is larger than the registry accepts.', { rule: 'CCPOR_BODY_LIMIT' });
  else if (typeof err === 'object' && err !== null && 'type' in err && (err as { type: string }).type === 'entity.too.deep')
    problem = new Problem(400, 'JSON_TOO_DEEP', 'Invalid request', `The request body nests deeper than ${MAX_JSON_DEPTH} levels; no request of this API does.`, { field: 'body' });
  else if (typeof err === 'object' && err !== null && 'type' in err && (err as { type: string }).type === 'entity.parse.failed')
    problem = new Problem(400, 'MALFORMED_JSON', 'Invalid request', 'The request body is not valid JSON.', { field: 'body' });
  else if (typeof err === 'object' && err !== null && 'status' in err && typeof (err as { status: unknown }).status === 'number' && (err as { status: number }).status < 500)
    problem = new Problem((err as { status: number }).status, 'BAD_REQUEST', 'Invalid request', 'The request could not be read (content type, encoding or size).', { field: 'body' });
  else {
    req.log?.error({ err }, 'unhandled error');
    problem = new Problem(500, 'INTERNAL', 'Internal error', 'Something went wrong on our side; the request id identifies it in the logs.');
  }
  if (res.headersSent) return;
  res.status(problem.status).type('application/problem+json').json(problem.body(String(req.id ?? '')));
};

/** What the assembly reads itself: the operations routes, limits, logging, authentication and the guard. */
export interface AssemblyNeeds {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly readModel: IdentityReadModel;
  readonly search: OrderSearchService;
  readonly identity: IdentityService;
  readonly sessions: SessionTokens;
  readonly audit: AccessAuditLog;
  readonly idempotency: IdempotencyStore;
  readonly sharedState: SharedState;
  /** Which background jobs this process leads, under `serve` (ADR 0061). */
  readonly leadership?: Leadership;
}

/**
 * What the app needs: its own reads and what every route module declares it reads. The
 * composition root's services (composition/services.ts) have all of it; this file names none of
 * them, so `http/` does not import the composition root.
 */
export type AppNeeds = AssemblyNeeds &
  SessionRouteNeeds &
  Parameters<typeof registerCommandRoutes>[1] &
  ImageRouteNeeds &
  DraftsListRouteNeeds &
  ReadRouteNeeds &
  SearchRouteNeeds &
  AdminRouteNeeds &
  AuditRouteNeeds &
  CarposRouteNeeds &
  FormReadingRouteNeeds &
  CarposQueryRouteNeeds &
  CarposReconciliationRouteNeeds &
  NiemRouteNeeds &
  IntegrationRouteNeeds &
  NotificationRouteNeeds &
  CourtCalendarRouteNeeds &
  ReadinessRouteNeeds &
  FirearmRouteNeeds &
  ReportRouteNeeds;

/** The express app: operations routes, then /api/v1 behind authentication, then problem rendering. */
export const createApp = (s: AppNeeds) => {
  const app = express();
  app.disable('x-powered-by');
  // Forwarding headers only from the proxies the operator names (ADR 0037): from anyone else they would let a
  // client pick its own address (the login rate limit) or claim HTTPS.
  app.set('trust proxy', s.config.transport.trustedProxies.length > 0 ? [...s.config.transport.trustedProxies] : false);
  app.set('etag', false);

  app.use(
    pinoHttp({
      logger: s.logger,
      genReqId: (req, res) => {
        const sent = req.headers['x-request-id'];
        const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use((req, res, next) => {
    const end = s.metrics.latency.startTimer();
    res.on('finish', () => {
      const route = routeLabel(req);
      s.metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      end({ method: req.method, route });
    });
    next();
  });
  // Before authentication and before any body is read: a body too large to accept, or too slow to arrive, ends the connection.
  const UPLOAD = /^\/api\/v1\/orders\/[^/]+\/images\/upload\/?$/;
  app.use(
    requestLimits({
      jsonBytes: bytesOf(s.config.bodyLimit),
      rawBody: (req) => (req.method === 'POST' && UPLOAD.test(req.path) ? { bytes: s.config.images.maxBytes + MULTIPART_OVERHEAD, tooLarge: (declared) => imageTooLarge(Number(declared), s.config.images.maxBytes) } : undefined),
      bodyTimeoutMs: s.config.transport.bodyTimeoutMs,
    }),
  );
  app.use(helmet());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res, next) => {
    try {
      // Not ready while the identity view or the search projector is failing, or while shutting down.
      const ready = s.readModel.failed === undefined && s.search.failed === undefined && !shuttingDown(app);
      const lag = s.search.failed === undefined ? await s.search.lag(1000) : undefined;
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not ready',
        position: (s.search.failed === undefined ? await s.search.currentPosition() : s.search.position) ?? null,
        lagEvents: lag?.eventsBehind ?? null,
        lagSeconds: lag?.secondsBehind ?? null,
        searchViews: s.search.views.placement,
        // Which background jobs this process leads, and which another process (ADR 0061).
        ...(s.leadership !== undefined ? { leadership: s.leadership.status() } : {}),
      });
    } catch (err) {
      next(err);
    }
  });
  app.get('/metrics', async (_req, res, next) => {
    try {
      // The lag is measured from the view's checkpoint against the log at scrape time, not estimated.
      const lag = await s.search.lag();
      s.metrics.projectionLag.set(lag.eventsBehind);
      s.metrics.projectionLagSeconds.set(lag.secondsBehind);
      s.metrics.projectionEvents.set(s.search.eventsApplied);
      res.type(s.metrics.registry.contentType).send(await s.metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });

  const api = new ApiRouter();
  const guard = makeGuard({ audit: s.audit, metrics: s.metrics, now: () => s.clock.now() });
  registerSessionRoutes(api, s, guard);
  registerCommandRoutes(api, s, guard);
  registerImageRoutes(api, s, guard);
  // Before the order read: `/orders/drafts` is not an order id.
  registerDraftsListRoute(api, s, guard);
  registerReadRoutes(api, s, guard);
  registerSearchRoutes(api, s, guard);
  registerAdminRoutes(api, s, guard);
  registerAuditRoutes(api, s, guard);
  registerCarposRoutes(api, s, guard);
  registerFormReadingRoutes(api, s, guard);
  registerCarposQueryRoutes(api, s, guard);
  registerCarposReconciliationRoutes(api, s, guard);
  registerNiemRoutes(api, s, guard);
  registerIntegrationRoutes(api, s, guard);
  registerNotificationRoutes(api, s, guard);
  registerCourtCalendarRoutes(api, s, guard);
  registerReadinessRoutes(api, s, guard);
  registerFirearmRoutes(api, s, guard);
  registerReportRoutes(api, s, guard);
  const document = openApiDocument(api.operations, API_VERSION);
  api.router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: s.config.loginRatePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new SharedRateLimitStore(s.sharedState.rateWindows, 'login:'),
    // The store's answers are shared by every process (ADR 0060); express-rate-limit's own
    // checks for a store reused by two limiters do not apply to it.
    validate: { singleCount: false, creationStack: false },
    handler: (req, res) => {
      res.status(429).type('application/problem+json').json(new Problem(429, 'TOO_MANY_LOGINS', 'Too many sign-in attempts', 'Wait a minute before trying again.').body(String(req.id ?? '')));
    },
  });
  app.post('/api/v1/session', loginLimiter);
  app.use('/api/v1', express.json({ limit: s.config.bodyLimit, type: ['application/json', 'application/*+json'], verify: refuseDeepJson }), authenticate(s.identity, s.sessions, s.sharedState.scope === 'database' ? (s.config.scale ?? DEFAULT_SCALE).identityMaxStalenessMs : undefined), s.idempotency.middleware(), api.router);
  app.use('/api', (req, _res, next) => next(new Problem(404, 'NO_SUCH_ROUTE', 'Not found', `No route ${req.method} ${req.baseUrl}${req.path}.`)));

  // Swagger UI from swagger-ui-dist, pointed at our document; the initializer is ours so no inline script is needed (CSP).
  app.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send("window.onload = () => { window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui' }); };\n");
  });
  // Resolved by file, not through the package's index, which would load the 1 MB UI bundle into the server.
  app.use('/docs', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json'))));
  // The web application at `/` and every page address it routes (ADR 0050).
  serveWebApp(app, s.config.web, s.logger);

  app.use(problemHandler);
  return { app, operations: api.operations, document };
};

const SHUTTING_DOWN = 'ccpor.shuttingDown';
export const markShuttingDown = (app: express.Express) => app.set(SHUTTING_DOWN, true);
const shuttingDown = (app: express.Express) => app.get(SHUTTING_DOWN) === true;
