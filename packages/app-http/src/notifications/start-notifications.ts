import { SmtpMail } from '@ccpor/adapters';
import { closeServices } from '../composition/container';
import type { AppServices } from '../composition/services';
import { NotificationService } from './notification-service';

/** Starts the mail outbox inside `serve` when CCPOR_SMTP_URL is set (not on EventStoreDB: no SQL beside the log). */
export const withNotifications = async (s: AppServices): Promise<AppServices> => {
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
    await closeServices(s);
    throw error;
  });
  s.logger.info('e-mail notifications started');
  return { ...s, notifications };
};
