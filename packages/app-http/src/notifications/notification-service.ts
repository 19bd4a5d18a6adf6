import { SwitchableOutboxWorker } from '../server/switchable-outbox-worker';
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/Either';
import {
  DeliveryOutbox,
  deliveryMigrations,
  dueNotifications,
  LogFeeder,
  NotificationStore,
  notificationMigrations,
  notificationPlanner,
  OutboxWorker,
  runMigrations,
  SecretBox,
  type Delivery,
  type DeliveryOutcome,
  type MailPayload,
  type SqlHome,
} from '@ccpor/adapters';
import { californiaLocalDate, deadlinesOf, toCaliforniaLocal, formInfo, renewalWindow, type Clock, type CommandHandler, type EventStore, type MailPort, type OrderId } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { CarposHome } from '../carpos/carpos-home';
import { openOutboxHome } from '../integrations/outbox-home';
import { registerOutboxMetrics } from '../integrations/outbox-metrics';
import type { Metrics } from '../ops/metrics';
import type { NotificationConfig } from './notification-env';
import { renderNotification, type Language, type TemplateData } from './templates';
import { UnsubscribeLinks } from './unsubscribe-link';

export interface NotificationServiceDeps {
  readonly config: NotificationConfig;
  /** The key that seals addresses and signs unsubscribe links (CCPOR_SECRETS_KEY; the memory store makes one). */
  readonly secretsKey: string | undefined;
  readonly eventStore: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores). */
  readonly sqlHome?: SqlHome;
  readonly memoryStore: boolean;
  readonly commands: CommandHandler;
  /** The registry's clock: time-bound notifications fall due by it. */
  readonly clock: Clock;
  readonly mail: MailPort;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly pollIntervalMs?: number;
  /** False: the outbox loops wait until this process leads their job (`lead`; ADR 0061). Default true. */
  readonly background?: boolean;
}

const localDateTime = (iso: string): string => `${californiaLocalDate(iso)}`;
/** A deadline counted in hours falls at a minute of the day: "2026-03-05 09:00". */
const localMinute = (iso: string): string => {
  const { date, time } = toCaliforniaLocal(iso);
  return `${date} ${time.slice(0, 5)}`;
};

/**
 * E-mail notifications as `serve` runs them (ADR 0073): a feeder from the log (event-bound
 * notifications, and the schedule of time-bound ones), a scheduler on the registry's clock, and a
 * dispatcher that renders each notification when it is sent and hands it to the mail port.
 * Addresses are sealed in the tables and opened only to send; nothing logs them.
 */
export class NotificationService {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly store: NotificationStore,
    readonly outbox: DeliveryOutbox,
    readonly secrets: SecretBox,
    readonly links: UnsubscribeLinks,
    private readonly deps: NotificationServiceDeps,
    private readonly home: CarposHome,
    private readonly worker: SwitchableOutboxWorker,
    private readonly unregisterMetrics: () => void,
  ) {}

  static async start(deps: NotificationServiceDeps): Promise<NotificationService> {
    const key = deps.secretsKey ?? (deps.memoryStore ? randomBytes(32).toString('hex') : undefined);
    if (key === undefined) throw new Error('CCPOR_SECRETS_KEY must be set to send e-mail notifications: it seals the recipients\' addresses.');
    const secrets = SecretBox.fromText(key);
    if (secrets === undefined) throw new Error('CCPOR_SECRETS_KEY is not a 32-byte key.');
    const home = await openOutboxHome(deps.eventStore, deps.sqlHome, deps.memoryStore);
    try {
      await runMigrations(home.db, home.schema, deliveryMigrations);
      await runMigrations(home.db, home.schema, notificationMigrations);
    } catch (error) {
      await home.close();
      throw error;
    }
    const { config, logger } = deps;
    const store = new NotificationStore(home.db, home.schema);
    const outbox = new DeliveryOutbox(home.db, home.schema, 'mail', { maxAttempts: config.maxAttempts, backoff: { initialMs: config.retryMs, maxMs: 3_600_000 }, leaseMs: 120_000 });
    const feeder = new LogFeeder({ db: home.db, schema: home.schema, eventStore: deps.eventStore, name: 'notifications', plan: notificationPlanner(home.schema, outbox, config.expiryNoticeDays), from: 'head' });
    const links = new UnsubscribeLinks(key, config.publicUrl);

    const send = async (d: Delivery): Promise<DeliveryOutcome> => {
      const contact = await store.contact(d.target);
      const payload = d.payload as MailPayload;
      if (contact === undefined || contact.unsubscribedAt !== null) return { kind: 'withheld', reason: 'the recipient unsubscribed' };
      if (!contact.kinds.includes(payload.kind)) return { kind: 'withheld', reason: 'the recipient no longer receives this notification' };
      const loaded = await deps.commands.load(payload.orderId as OrderId);
      if (E.isLeft(loaded) || loaded.right.state.status !== 'issued') return { kind: 'withheld', reason: 'the order is not there' };
      const s = loaded.right.state;
      // A deadline notice names its own deadline (the order's, or a later one's: a modification,
      // a proof of service, a firearm receipt); one met since it was planned is not sent.
      const aboutDeadline = payload.kind === 'doj-deadline-passed' || payload.kind === 'firearm-receipt-overdue';
      const deadline = aboutDeadline ? deadlinesOf(s).find((d) => d.id === payload.milestone?.split('@')[0]) : undefined;
      if (aboutDeadline && deadline?.status !== 'pending') return { kind: 'withheld', reason: 'the deadline was met or no longer applies' };
      const window = s.expiresAt !== null ? renewalWindow(s.details.form, s.expiresAt) : undefined;
      // The service this notification is about: the one recorded by the event at its version.
      const event = payload.version !== undefined ? loaded.right.events.find((e) => e.streamVersion === payload.version) : undefined;
      const served = event?.type === 'ServiceRecorded' ? (event.data as { service: { servedAt: string } }).service : undefined;
      const data: TemplateData = {
        caseNumber: s.details.caseNumber,
        courtName: s.details.court.name,
        formTitle: formInfo(s.details.form).title,
        orderUrl: `${config.publicUrl}/orders/${payload.orderId}`,
        unsubscribeUrl: links.url(contact.id),
        ...(s.expiresAt !== null ? { expiresOn: localDateTime(s.expiresAt) } : {}),
        ...(served !== undefined ? { servedOn: localDateTime(served.servedAt) } : {}),
        deadline: deadline !== undefined && payload.kind === 'firearm-receipt-overdue' ? localMinute(deadline.dueAt) : `${californiaLocalDate(deadline?.dueAt ?? s.dojDeadline)} 23:59`,
        ...(window !== undefined ? { renewalOpens: window.opens, renewalCloses: window.closes } : {}),
      };
      const rendered = renderNotification(payload.kind, (contact.language === 'es' ? 'es' : 'en') as Language, data);
      const result = await deps.mail.send({
        to: secrets.open(contact.addressSealed),
        ...rendered,
        messageId: d.deliveryId,
        headers: { 'List-Unsubscribe': `<${links.url(contact.id)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-CCPOR-Notification': payload.kind, 'X-CCPOR-Order': payload.orderId },
      });
      return result.ok ? { kind: 'delivered' } : { kind: 'failed', error: `${result.temporary ? 'temporary' : 'permanent'}: ${result.reason}` };
    };
    const worker = new SwitchableOutboxWorker(() => OutboxWorker.start({
      feeder,
      outbox,
      send,
      concurrency: 4,
      ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
      onError: (where, err) => logger.error({ err, where }, 'mail outbox loop failed; retrying'),
      // Ids, kinds and outcomes only: never an address (error texts come from the mail port without them).
      onOutcome: (d, outcome, status) =>
        logger[outcome.kind === 'failed' ? 'warn' : 'debug'](
          { deliveryId: d.deliveryId, contactId: d.target, kind: d.kind, attempt: d.attempts, outcome: outcome.kind, status, ...(outcome.kind === 'failed' ? { error: outcome.error } : {}) },
          'notification delivery',
        ),
    }), deps.background ?? true);
    const unregister = deps.metrics !== undefined ? registerOutboxMetrics(deps.metrics, outbox, () => worker.stats()) : () => undefined;
    const service = new NotificationService(store, outbox, secrets, links, deps, home, worker, unregister);
    if (deps.background ?? true) service.startSchedule();
    return service;
  }

  /** Enqueues the time-bound notifications due by the registry's clock; resolves to how many milestones fell due. */
  scanSchedule(): Promise<number> {
    const run = this.scanning.then(() => dueNotifications(this.home.db, this.home.schema, this.outbox, this.deps.clock.now()));
    this.scanning = run.catch(() => undefined);
    return run.then((n) => {
      if (n > 0) this.worker.wake();
      return n;
    });
  }

  wake(): void {
    this.worker.wake();
  }

  private startSchedule(): void {
    if (this.timer !== undefined) return;
    const { logger, config } = this.deps;
    this.timer = setInterval(() => void this.scanSchedule().catch((err: unknown) => logger.error({ err }, 'notification schedule scan failed; retrying')), config.scheduleMs);
    this.timer.unref();
  }

  /** Runs the outbox loops and the schedule scan here: this process now leads the mail outbox (ADR 0061). */
  lead(): void {
    this.worker.lead();
    this.startSchedule();
  }

  /** Stops the loops and the schedule here; the service (its tables and routes) stays up. */
  async follow(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.scanning;
    await this.worker.follow();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.scanning;
    this.unregisterMetrics();
    await this.worker.stop();
    await this.deps.mail.close();
    await this.home.close();
  }
}
