import type { Clock, CommandHandler, EventStore, IdGenerator } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { AccessAuditLog } from '../audit/access-audit';
import type { SessionTokens } from '../auth/sessions';
import type { Config } from '../config/config';
import type { IdempotencyStore } from '../http/idempotency';
import type { IdentityService } from '../identity/identity-service';
import type { Metrics } from '../ops/metrics';
import type { ReadModel } from '../search/read-model';

/** Everything the HTTP app needs, resolved from the container once at start. */
export interface AppServices {
  readonly config: Config;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly readModel: ReadModel;
  readonly identity: IdentityService;
  readonly sessions: SessionTokens;
  readonly audit: AccessAuditLog;
  readonly idempotency: IdempotencyStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
}
