import { SwitchableOutboxWorker } from '../server/switchable-outbox-worker';
import {
  DeliveryOutbox,
  deliveryMigrations,
  IntegrationStore,
  integrationMigrations,
  integrationPlanner,
  LogFeeder,
  OutboxWorker,
  postWebhook,
  runMigrations,
  SecretBox,
  signWebhook,
  WEBHOOK_HEADERS,
  type Delivery,
  type DeliveryOutcome,
  type WebhookPayload,
  type SqlHome,
} from '@ccpor/adapters';
import type { Clock, EventStore, Principal } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { AccessAuditLog } from '../audit/access-audit';
import type { CarposHome } from '../carpos/carpos-home';
import { openOutboxHome } from './outbox-home';
import type { ApiKey } from '../identity/identity-view';
import type { Metrics } from '../ops/metrics';
import { renderChange } from './change-renderer';
import type { IntegrationConfig } from './integration-env';
import { registerOutboxMetrics } from './outbox-metrics';

export interface IntegrationServiceDeps {
  readonly config: IntegrationConfig;
  readonly eventStore: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores). */
  readonly sqlHome?: SqlHome;
  readonly memoryStore: boolean;
  readonly audit: AccessAuditLog;
  readonly clock: Clock;
  /** API keys as they stand now (the identity view): a revoked key receives nothing more. */
  readonly apiKey: (keyId: string) => ApiKey | undefined;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Where signatures' timestamps come from: the wall clock (receivers check them against theirs). */
  readonly wallClock?: () => number;
  readonly pollIntervalMs?: number;
  /** False: the outbox loops wait until this process leads their job (`lead`; ADR 0061). Default true. */
  readonly background?: boolean;
}

/** The principal an API key acts as (as authenticate.ts makes it for requests). */
export const keyPrincipal = (key: ApiKey): Principal => ({ userId: `api-key:${key.keyId}`, agencyOri: key.agencyOri, roles: key.roles, cletsCertified: false, kind: 'api-key' });

/**
 * The integration feed and webhooks as `serve` runs them (ADR 0072): a feeder from the log into
 * the per-agency feed and the webhook outbox, and a dispatcher that renders, signs and posts each
 * delivery. Tables beside the log (as the CARPOS gateway's; an in-memory PGlite for `memory`).
 */
export class IntegrationService {
  private constructor(
    readonly store: IntegrationStore,
    readonly webhooks: DeliveryOutbox,
    readonly secrets: SecretBox | undefined,
    private readonly home: CarposHome,
    private readonly worker: SwitchableOutboxWorker,
    private readonly unregisterMetrics: () => void,
  ) {}

  static async start(deps: IntegrationServiceDeps): Promise<IntegrationService> {
    const home = await openOutboxHome(deps.eventStore, deps.sqlHome, deps.memoryStore);
    try {
      await runMigrations(home.db, home.schema, deliveryMigrations);
      await runMigrations(home.db, home.schema, integrationMigrations);
    } catch (error) {
      await home.close();
      throw error;
    }
    const { config, logger } = deps;
    const secrets = config.secretsKey !== undefined ? SecretBox.fromText(config.secretsKey) : deps.memoryStore ? SecretBox.ephemeral() : undefined;
    const store = new IntegrationStore(home.db, home.schema);
    const webhooks = new DeliveryOutbox(home.db, home.schema, 'webhook', {
      maxAttempts: config.webhookMaxAttempts,
      backoff: { initialMs: config.webhookRetryMs, maxMs: 3_600_000 },
      leaseMs: config.webhookTimeoutMs * 3,
    });
    const feeder = new LogFeeder({ db: home.db, schema: home.schema, eventStore: deps.eventStore, name: 'integrations', plan: integrationPlanner(home.schema, webhooks), from: 'head' });
    const wall = deps.wallClock ?? Date.now;
    const send = async (d: Delivery): Promise<DeliveryOutcome> => {
      const sub = await store.subscription(d.target);
      if (sub === undefined || !sub.active) return { kind: 'withheld', reason: 'the subscription was deactivated' };
      const key = deps.apiKey(sub.apiKeyId);
      if (key === undefined || key.revoked) return { kind: 'withheld', reason: 'the subscription’s API key is revoked' };
      if (secrets === undefined) return { kind: 'failed', error: 'CCPOR_SECRETS_KEY is not set: the signing secret cannot be read' };
      const payload = d.payload as WebhookPayload;
      const rendered = await renderChange({ store: deps.eventStore, audit: deps.audit, now: () => deps.clock.now() }, keyPrincipal(key), payload, `webhook ${sub.id}`);
      if (!rendered.allowed) return { kind: 'withheld', reason: `${rendered.code}: the key may not see this order` };
      const body = JSON.stringify({ deliveryId: d.deliveryId, subscriptionId: sub.id, ...rendered.body });
      return postWebhook({
        url: sub.url,
        body,
        headers: {
          [WEBHOOK_HEADERS.signature]: signWebhook(secrets.open(sub.secretSealed), body, Math.floor(wall() / 1000)),
          [WEBHOOK_HEADERS.deliveryId]: d.deliveryId,
          [WEBHOOK_HEADERS.event]: payload.eventType,
        },
        timeoutMs: config.webhookTimeoutMs,
      });
    };
    const worker = new SwitchableOutboxWorker(() => OutboxWorker.start({
      feeder,
      outbox: webhooks,
      send,
      ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
      // Loop failures are SQL errors: no personal data.
      onError: (where, err) => logger.error({ err, where }, 'integration outbox loop failed; retrying'),
      // Ids and outcomes only: never a URL's query, a body or a person.
      onOutcome: (d, outcome, status) =>
        logger[outcome.kind === 'failed' ? 'warn' : 'debug'](
          { deliveryId: d.deliveryId, subscriptionId: d.target, attempt: d.attempts, outcome: outcome.kind, status, ...(outcome.kind === 'failed' ? { error: outcome.error } : {}) },
          'webhook delivery',
        ),
    }), deps.background ?? true);
    const unregister = deps.metrics !== undefined ? registerOutboxMetrics(deps.metrics, webhooks, () => worker.stats()) : () => undefined;
    return new IntegrationService(store, webhooks, secrets, home, worker, unregister);
  }

  /** Runs the feeder and sender here: this process now leads the integrations outbox (ADR 0061). */
  lead(): void {
    this.worker.lead();
  }

  /** Stops the loops here; the service (its tables and routes) stays up. */
  follow(): Promise<void> {
    return this.worker.follow();
  }

  /** Feeds and sends now (after an order command) rather than at the next poll. */
  wake(): void {
    this.worker.wake();
  }

  async stop(): Promise<void> {
    this.unregisterMetrics();
    await this.worker.stop();
    await this.home.close();
  }
}
