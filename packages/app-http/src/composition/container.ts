import { Container } from 'inversify';
import { FormReadingService, memorySharedState, openSqlSharedState, sqlRelatedOrders, type SqlHome } from '@ccpor/adapters';
import { createCommandHandler, createPartyConflicts, eventStoreCourtCalendars, type Clock, type EventStore, type IdGenerator, type ImageStore, type SharedState } from '@ccpor/domain';
import type { Logger } from 'pino';
import { AccessAuditLog } from '../audit/access-audit';
import { SessionTokens } from '../auth/sessions';
import type { Config } from '../config/config';
import { DEFAULT_SCALE } from '../config/scale-env';
import { IdempotencyStore } from '../http/idempotency';
import { IdentityService } from '../identity/identity-service';
import { createLogger } from '../ops/logger';
import { Metrics } from '../ops/metrics';
import { IdentityReadModel } from '../identity/identity-read-model';
import { openImageStore, type OpenedImageStore } from '../images/open-image-store';
import { OrderSearchService } from '../search/order-search-service';
import { openEventStore, type OpenedEventStore } from '../store/open-event-store';
import { openReadReplica } from '../store/open-read-replica';
import { openSearchViews, type SearchViews } from '../store/open-search-views';
import { randomIds, systemClock } from '../store/system-ports';
import type { AppServices } from './services';
import { TOKENS } from './tokens';

export interface Overrides {
  readonly eventStore?: EventStore;
  /** The overriding store's SQL database and schema, when it has them (as the store opener gives them). */
  readonly sqlHome?: SqlHome;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: Logger;
  readonly imageStore?: ImageStore;
}

/**
 * The composition root: every service is bound by token to a factory, and the event-store adapter
 * is chosen from the configuration. Tests override the store, clock or ids.
 */
export const buildContainer = (config: Config, overrides: Overrides = {}): Container => {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.config).toConstantValue(config);
  c.bind(TOKENS.logger).toConstantValue(overrides.logger ?? createLogger(config.logLevel));
  if (overrides.eventStore) c.bind(TOKENS.openedStore).toConstantValue({ store: overrides.eventStore, sqlHome: overrides.sqlHome });
  else c.bind(TOKENS.openedStore).toDynamicValue(() => openEventStore(config.store));
  c.bind(TOKENS.eventStore).toDynamicValue(async (ctx) => (await ctx.getAsync<OpenedEventStore>(TOKENS.openedStore)).store);
  c.bind(TOKENS.clock).toConstantValue(overrides.clock ?? systemClock);
  c.bind(TOKENS.ids).toConstantValue(overrides.ids ?? randomIds);
  c.bind(TOKENS.metrics).toDynamicValue(() => new Metrics(true));
  c.bind(TOKENS.sharedState).toDynamicValue(async (ctx) => {
    // Shared by every process only on PostgreSQL; the embedded store admits one process (ADR 0060).
    const home = (await ctx.getAsync<OpenedEventStore>(TOKENS.openedStore)).sqlHome;
    return config.store.kind === 'postgres' && home !== undefined ? openSqlSharedState(home.db, home.schema) : memorySharedState();
  });
  c.bind(TOKENS.idempotency).toDynamicValue(
    async (ctx) =>
      new IdempotencyStore((await ctx.getAsync<SharedState>(TOKENS.sharedState)).idempotency, {
        retentionMs: (config.scale ?? DEFAULT_SCALE).idempotencyRetentionMs,
        // Longer than any request may take (CCPOR_REQUEST_TIMEOUT_MS), so a live claim is never taken over.
        claimTimeoutMs: config.transport.requestTimeoutMs + 60_000,
        now: () => Date.parse(ctx.get<Clock>(TOKENS.clock).now()),
      }),
  );
  c.bind(TOKENS.sessions).toDynamicValue(() => new SessionTokens(config.sessionSecret, config.sessionTtlMinutes));
  c.bind(TOKENS.commands).toDynamicValue(async (ctx) => {
    const eventStore = await ctx.getAsync<EventStore>(TOKENS.eventStore);
    // Order commands count court days and deadlines on the calendar of the order's court (ADR 0043).
    return createCommandHandler({ eventStore, clock: ctx.get<Clock>(TOKENS.clock), ids: ctx.get<IdGenerator>(TOKENS.ids), courtCalendars: eventStoreCourtCalendars(eventStore) });
  });
  c.bind(TOKENS.readModel).toDynamicValue(async (ctx) => new IdentityReadModel(await ctx.getAsync<EventStore>(TOKENS.eventStore)));
  c.bind(TOKENS.searchViews).toDynamicValue(async (ctx) => openSearchViews((await ctx.getAsync<OpenedEventStore>(TOKENS.openedStore)).sqlHome));
  c.bind(TOKENS.search).toDynamicValue(async (ctx) => {
    const logger = ctx.get<Logger>(TOKENS.logger);
    const replica = openReadReplica(config.store, config.scale ?? DEFAULT_SCALE);
    if (replica !== undefined) logger.info('search and statistics read from the standby at CCPOR_PG_READ_URL');
    return new OrderSearchService({
      store: await ctx.getAsync<EventStore>(TOKENS.eventStore),
      views: await ctx.getAsync<SearchViews>(TOKENS.searchViews),
      ...(replica !== undefined ? { replica } : {}),
      onError: (err) => logger.error({ err }, 'search projection failed; retrying'),
    });
  });
  c.bind(TOKENS.identity).toDynamicValue(
    async (ctx) =>
      new IdentityService(await ctx.getAsync<EventStore>(TOKENS.eventStore), await ctx.getAsync<IdentityReadModel>(TOKENS.readModel), ctx.get<Clock>(TOKENS.clock), ctx.get<IdGenerator>(TOKENS.ids), {
        maxFailures: config.loginMaxFailures,
        minutes: config.lockoutMinutes,
      }, await ctx.getAsync<SharedState>(TOKENS.sharedState)),
  );
  c.bind(TOKENS.audit).toDynamicValue(async (ctx) => {
    const logger = ctx.get<Logger>(TOKENS.logger);
    return new AccessAuditLog(await ctx.getAsync<EventStore>(TOKENS.eventStore), ctx.get<Clock>(TOKENS.clock), ctx.get<IdGenerator>(TOKENS.ids), {
      intervalMs: 1000,
      maxBatch: 500,
      onError: (err) => logger.error({ err }, 'access audit append failed'),
    });
  });
  c.bind(TOKENS.images).toDynamicValue(async (ctx) =>
    overrides.imageStore
      ? { store: overrides.imageStore, description: 'given', close: async () => undefined }
      : openImageStore(config.images, config.store, (await ctx.getAsync<OpenedEventStore>(TOKENS.openedStore)).sqlHome),
  );
  return c;
};

/**
 * Resolves every service; the identity view and the search views have caught up with the log
 * when this returns, and the search projector then follows the log in the background.
 */
export const resolveServices = async (c: Container, onProgress?: (applied: number) => void, options: { readonly projector?: 'here' | 'by-leadership' } = {}): Promise<AppServices> => {
  const services: AppServices = {
    config: c.get(TOKENS.config),
    logger: c.get(TOKENS.logger),
    store: await c.getAsync(TOKENS.eventStore),
    sqlHome: (await c.getAsync<OpenedEventStore>(TOKENS.openedStore)).sqlHome,
    clock: c.get(TOKENS.clock),
    ids: c.get(TOKENS.ids),
    commands: await c.getAsync(TOKENS.commands),
    readModel: await c.getAsync(TOKENS.readModel),
    search: await c.getAsync(TOKENS.search),
    partyConflicts: await c.getAsync<OrderSearchService>(TOKENS.search).then((search) => createPartyConflicts(sqlRelatedOrders(search.views.db, search.views.schema))),
    identity: await c.getAsync(TOKENS.identity),
    sessions: c.get(TOKENS.sessions),
    audit: await c.getAsync(TOKENS.audit),
    idempotency: await c.getAsync(TOKENS.idempotency),
    sharedState: await c.getAsync(TOKENS.sharedState),
    metrics: c.get(TOKENS.metrics),
    ...(await c.getAsync<OpenedImageStore>(TOKENS.images).then((i) => ({ images: i.store, closeImages: () => i.close() }))),
    formReading: new FormReadingService({ ocrWorkers: c.get<Config>(TOKENS.config).formReading.ocrWorkers, maxQueuedPages: c.get<Config>(TOKENS.config).formReading.maxQueuedPages }),
  };
  await services.readModel.start(onProgress);
  const scale = services.config.scale ?? DEFAULT_SCALE;
  if (services.sharedState.scope === 'database') services.readModel.startFreshnessProbe(Math.max(100, Math.min(1000, Math.floor(scale.identityMaxStalenessMs / 4))));
  else if (services.config.store.kind === 'pglite')
    services.logger.info('embedded store: one registry process only (sessions, lockouts, rate limits and idempotency keys are kept in this process); run several on PostgreSQL (ADR 0060)');
  // Under `serve` on PostgreSQL the projector runs in the process that leads it (ADR 0061).
  if (options.projector === 'by-leadership' && services.sharedState.scope === 'database') await services.search.startAsFollower();
  else await services.search.start();
  return services;
};

/** Writes pending audit records, stops the projector and the identity view, and closes the views and the store. */
export const closeServices = async (s: AppServices): Promise<void> => {
  await s.audit.flush();
  await s.search.stop();
  await s.readModel.stop();
  await s.search.closeReplica();
  await s.search.views.close();
  await s.closeImages();
  await s.formReading.close();
  await s.store.close();
};
