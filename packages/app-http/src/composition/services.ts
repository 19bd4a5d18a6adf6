import type { FormReadingService, Leadership, SqlHome } from '@ccpor/adapters';
import type { Clock, CommandHandler, EventStore, IdGenerator, ImageStore, PartyConflicts, SharedState } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { AccessAuditLog } from '../audit/access-audit';
import type { CarposService } from '../carpos/carpos-service';
import type { SessionTokens } from '../auth/sessions';
import type { Config } from '../config/config';
import type { IdempotencyStore } from '../http/idempotency';
import type { IntegrationService } from '../integrations/integration-service';
import type { NotificationService } from '../notifications/notification-service';
import type { IdentityService } from '../identity/identity-service';
import type { Metrics } from '../ops/metrics';
import type { IdentityReadModel } from '../identity/identity-read-model';
import type { OrderSearchService } from '../search/order-search-service';

/** Everything the HTTP app needs, resolved from the container once at start. */
export interface AppServices {
  readonly config: Config;
  readonly store: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores; ADR 0083). */
  readonly sqlHome?: SqlHome;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  /** Agencies, users and API keys, in memory. */
  readonly readModel: IdentityReadModel;
  /** Statewide search and statistics on the SQL views, and read-your-writes waits (ADR 0032). */
  readonly search: OrderSearchService;
  /** Orders about the same people, precedence and conflicts (ADR 0040), on the search views. */
  readonly partyConflicts: PartyConflicts;
  readonly identity: IdentityService;
  readonly sessions: SessionTokens;
  readonly audit: AccessAuditLog;
  readonly idempotency: IdempotencyStore;
  /** Login failures, rate windows, ended sessions and idempotency keys: in PostgreSQL for every process, else in memory (ADR 0060). */
  readonly sharedState: SharedState;
  readonly metrics: Metrics;
  /** Order images (filesystem beside the embedded store, SQL on PostgreSQL; ADR 0023). */
  readonly images: ImageStore;
  /** Lets go of the image store (removes the temporary one of the memory store). */
  readonly closeImages: () => Promise<void>;
  readonly logger: Logger;
  /** Reads filled-in forms to pre-fill drafts (fillable fields, text layer, OCR; issue 20). Threads start on first use. */
  readonly formReading: FormReadingService;
  /** Which background jobs this process leads, under `serve` (ADR 0061). */
  readonly leadership?: Leadership;
  /** The CARPOS gateway, when `serve` runs it (CCPOR_CLETS_HOST set); the routes answer 503 without it. */
  readonly carpos?: CarposService;
  /** The integration feed and webhooks, when `serve` runs them (CCPOR_INTEGRATIONS); the routes answer 503 without them. */
  readonly integrations?: IntegrationService;
  /** E-mail notifications, when `serve` runs them (CCPOR_SMTP_URL); the routes answer 503 without them. */
  readonly notifications?: NotificationService;
}
