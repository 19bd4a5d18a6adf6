import { SmtpMail, type SqlHome } from '@ccpor/adapters';
import type { Clock, CommandHandler, EventStore } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { IntegrationService } from '../integrations/integration-service';
import type { Metrics } from '../ops/metrics';
import { NotificationService } from './notification-service';

/** What starting the mail outbox reads; `notifications` is what it adds, and a failed start stops `integrations`. */
export interface NotificationStartNeeds {
  readonly config: Config;
  readonly store: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores; ADR 0083). */
  readonly sqlHome?: SqlHome;
  readonly clock: Clock;
  readonly commands: CommandHandler;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly integrations?: IntegrationService;
  readonly notifications?: NotificationService;
}

/**
 * Starts the mail outbox inside `serve` when CCPOR_SMTP_URL is set (not on EventStoreDB: no SQL beside the log).
 * A start that fails lets go of the services with `release` (the composition root's close).
 */
export const withNotifications = async <S extends NotificationStartNeeds>(s: S, release: (s: S) => Promise<void>): Promise<S> => {
  const config = s.config.notifications;
  if (config === undefined) return s;
  if (s.config.store.kind === 'esdb') {
    s.logger.warn('e-mail notifications are off: their outbox lives in SQL beside the log, which EventStoreDB does not have');
    return s;
  }
  const mail = new SmtpMail({ url: config.smtpUrl, from: config.from, messageIdDomain: new URL(config.publicUrl).hostname });
  const notifications = await NotificationService.start({
    config,
    secretsKey: s.config.integrations.secretsKey,
    eventStore: s.store,
    sqlHome: s.sqlHome,
    memoryStore: s.config.store.kind === 'memory',
    commands: s.commands,
    clock: s.clock,
    mail,
    logger: s.logger,
    metrics: s.metrics,
    // The loops run in the process that leads their job (server/background-jobs.ts, ADR 0061).
    background: false,
  }).catch(async (error: unknown) => {
    await mail.close();
    await s.integrations?.stop();
    await release(s);
    throw error;
  });
  s.logger.info('e-mail notifications started');
  return { ...s, notifications };
};
