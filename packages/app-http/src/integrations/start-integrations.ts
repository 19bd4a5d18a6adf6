import { closeServices } from '../composition/container';
import type { AppServices } from '../composition/services';
import { IntegrationService } from './integration-service';

/**
 * Starts the integration feed and webhooks inside `serve` (CCPOR_INTEGRATIONS; by default with the
 * embedded store and PostgreSQL, not with `memory`, whose feed would die with the process). On
 * EventStoreDB (no SQL beside the log) they stay off with a warning rather than stop the start.
 */
export const withIntegrations = async (s: AppServices): Promise<AppServices> => {
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
    await closeServices(s);
    throw error;
  });
  if (integrations.secrets === undefined) s.logger.warn('CCPOR_SECRETS_KEY is not set: webhook subscriptions and mail contacts cannot be created');
  s.logger.info('integration feed and webhooks started');
  return { ...s, integrations };
};
