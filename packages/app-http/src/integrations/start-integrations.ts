import type { SqlHome } from '@ccpor/adapters';
import type { Clock, EventStore } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { AccessAuditLog } from '../audit/access-audit';
import type { Config } from '../config/config';
import type { IdentityService } from '../identity/identity-service';
import type { Metrics } from '../ops/metrics';
import { IntegrationService } from './integration-service';

/** What starting the integration feed reads; `integrations` is what it adds. */
export interface IntegrationStartNeeds {
  readonly config: Config;
  readonly store: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores; ADR 0083). */
  readonly sqlHome?: SqlHome;
  readonly clock: Clock;
  readonly audit: AccessAuditLog;
  readonly identity: IdentityService;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly integrations?: IntegrationService;
}

/**
 * Starts the integration feed and webhooks inside `serve` (CCPOR_INTEGRATIONS; by default with the
 * embedded store and PostgreSQL, not with `memory`, whose feed would die with the process). On
 * EventStoreDB (no SQL beside the log) they stay off with a warning rather than stop the start.
 * A start that fails lets go of the services with `release` (the composition root's close).
 */
export const withIntegrations = async <S extends IntegrationStartNeeds>(s: S, release: (s: S) => Promise<void>): Promise<S> => {
  const config = s.config.integrations;
  if (!(config.enabled ?? s.config.store.kind !== 'memory')) return s;
  if (s.config.store.kind === 'esdb') {
    s.logger.warn('integration feed and webhooks are off: they keep their outbox in SQL beside the log, which EventStoreDB does not have');
    return s;
  }
  const integrations = await IntegrationService.start({
    config,
    eventStore: s.store,
    sqlHome: s.sqlHome,
    memoryStore: s.config.store.kind === 'memory',
    audit: s.audit,
    clock: s.clock,
    apiKey: (keyId) => s.identity.view.apiKeys.get(keyId),
    logger: s.logger,
    metrics: s.metrics,
    // The loops run in the process that leads their job (server/background-jobs.ts, ADR 0061).
    background: false,
  }).catch(async (error: unknown) => {
    await release(s);
    throw error;
  });
  if (integrations.secrets === undefined) s.logger.warn('CCPOR_SECRETS_KEY is not set: webhook subscriptions and mail contacts cannot be created');
  s.logger.info('integration feed and webhooks started');
  return { ...s, integrations };
};
