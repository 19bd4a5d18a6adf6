import type { Clock, CommandHandler, EventStore, IdGenerator, SharedState } from '@ccpor/domain';
import type { OpenedImageStore } from '../images/open-image-store';
import type { OpenedEventStore } from '../store/open-event-store';
import type { Logger } from 'pino';
import type { AccessAuditLog } from '../audit/access-audit';
import type { SessionTokens } from '../auth/sessions';
import type { Config } from '../config/config';
import type { IdempotencyStore } from '../http/idempotency';
import type { IdentityService } from '../identity/identity-service';
import type { Metrics } from '../ops/metrics';
import type { IdentityReadModel } from '../identity/identity-read-model';
import type { OrderSearchService } from '../search/order-search-service';
import type { SearchViews } from '../store/open-search-views';

/** DI tokens: symbols typed by what they resolve to, so nothing in the domain needs decorators. */
const token = <T>(name: string) => Symbol.for(`ccpor.${name}`) as symbol & { readonly __type?: T };

export const TOKENS = {
  config: token<Config>('config'),
  logger: token<Logger>('logger'),
  /** The store as the opener gives it: the port, and the SQL home beside it when there is one. */
  openedStore: token<OpenedEventStore>('openedStore'),
  eventStore: token<EventStore>('eventStore'),
  clock: token<Clock>('clock'),
  ids: token<IdGenerator>('ids'),
  commands: token<CommandHandler>('commands'),
  readModel: token<IdentityReadModel>('readModel'),
  searchViews: token<SearchViews>('searchViews'),
  search: token<OrderSearchService>('search'),
  identity: token<IdentityService>('identity'),
  sessions: token<SessionTokens>('sessions'),
  audit: token<AccessAuditLog>('audit'),
  idempotency: token<IdempotencyStore>('idempotency'),
  metrics: token<Metrics>('metrics'),
  images: token<OpenedImageStore>('images'),
  sharedState: token<SharedState>('sharedState'),
} as const;
