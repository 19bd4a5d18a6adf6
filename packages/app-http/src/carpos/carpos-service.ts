import {
  CarposGateway,
  carposGatewayMigrations,
  heartbeatProbeText,
  runMigrations,
  TcpCletsLink,
  type CarposStore,
  type CletsLinkStats,
  type DispatchSettings,
  type ResponseStats,
  type CarposQueryClient,
  type QueryClientSettings,
  type SqlHome,
} from '@ccpor/adapters';
import { createCodec, defaultDictionary, type ProtocolCodec } from '@ccpor/carpos-protocol';
import type { Clock, CommandHandler, EventStore } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { Agency } from '../identity/identity-view';
import type { Metrics } from '../ops/metrics';
import { carposSettingsOf } from './agency-carpos-settings';
import type { CarposConfig } from './carpos-env';
import { openCarposHome, type CarposHome } from './carpos-home';
import { registerCarposMetrics } from './carpos-metrics';
import { AnswerCache } from './answer-cache';
import { ReconciliationService } from './reconciliation-service';

/** The ORI the idle probe goes out under: the registry's own (identity-service STATE_AGENCY). */
const PROBE_ORI = 'CASTATE00';

export interface CarposServiceDeps {
  readonly config: CarposConfig;
  readonly eventStore: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores). */
  readonly sqlHome?: SqlHome;
  /** True when the log is the in-memory store (the gateway's tables then go to an in-memory PGlite). */
  readonly memoryStore: boolean;
  readonly commands: CommandHandler;
  /** The registry's clock: "overdue" is measured against it. */
  readonly clock: Clock;
  /** The registry's agencies as they stand now (the identity view). */
  readonly agency: (ori: string) => Agency | undefined;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Tests shorten the dispatcher's timeouts; production takes the defaults. */
  readonly dispatch?: Partial<DispatchSettings>;
  readonly pollIntervalMs?: number;
  /** Tests shorten the query page timeout. */
  readonly queries?: Partial<QueryClientSettings>;
  /** Courts a state reconciliation lists besides those the registry's orders name (the registered courts). */
  readonly courts?: () => readonly string[];
  /** False: leave reconciliations a stopped process left running alone, and schedule none (the command line runs its own). */
  readonly backgroundReconciliations?: boolean;
}

export interface CarposStatus {
  readonly connected: boolean;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly link: CletsLinkStats;
  readonly responses: ResponseStats;
}

/**
 * The CARPOS gateway as `serve` runs it: the CLETS link, the gateway's loops over the log, and
 * the queue tables the API and the command line read. Present only when CCPOR_CLETS_HOST is set.
 */
export class CarposService {
  private constructor(
    readonly store: CarposStore,
    private readonly home: CarposHome,
    private readonly link: TcpCletsLink,
    readonly gateway: CarposGateway,
    private readonly config: CarposConfig,
    private readonly unregisterMetrics: () => void,
    /** Reconciliations with DOJ (ADR 0013): on demand, daily, resumed after a restart. */
    readonly reconciliations: ReconciliationService,
  ) {}

  /** Query answers held (in memory, briefly) for their users to attach a record to an order (ADR 0014). */
  readonly answers = new AnswerCache();

  static async start(deps: CarposServiceDeps): Promise<CarposService> {
    const home = await openCarposHome(deps.sqlHome, deps.memoryStore);
    const codec = createCodec(defaultDictionary);
    const { config, logger } = deps;
    const link = TcpCletsLink.open({
      host: config.host,
      port: config.port,
      ...(config.tls !== undefined ? { tls: config.tls } : {}),
      ...(config.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: config.heartbeatIntervalMs } : {}),
      ...(config.heartbeatTimeoutMs !== undefined ? { heartbeatTimeoutMs: config.heartbeatTimeoutMs } : {}),
      ...(config.connectTimeoutMs !== undefined ? { connectTimeoutMs: config.connectTimeoutMs } : {}),
      ...(config.reconnect !== undefined ? { reconnect: config.reconnect } : {}),
      ...(config.sendTimeoutMs !== undefined ? { sendTimeoutMs: config.sendTimeoutMs } : {}),
      ...(config.maxQueuedFrames !== undefined ? { maxQueuedFrames: config.maxQueuedFrames } : {}),
      heartbeatText: heartbeatProbeText(codec, PROBE_ORI),
    });
    let gateway: CarposGateway;
    try {
      gateway = await CarposGateway.start({
        db: home.db,
        schema: home.schema,
        eventStore: deps.eventStore,
        commands: deps.commands,
        link,
        codec,
        settings: (ori) => carposSettingsOf(ori, deps.agency(ori)),
        ...(deps.dispatch !== undefined || config.responseTimeoutMs !== undefined
          ? { dispatch: { ...(config.responseTimeoutMs !== undefined ? { responseTimeoutMs: config.responseTimeoutMs } : {}), ...deps.dispatch } }
          : {}),
        ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
        ...(deps.queries !== undefined || config.queryTimeoutMs !== undefined
          ? { queries: { ...(config.queryTimeoutMs !== undefined ? { pageTimeoutMs: config.queryTimeoutMs } : {}), ...deps.queries } }
          : {}),
        // Loop failures carry no personal data (SQL and link errors); the loops back off by themselves.
        onError: (where, err) => logger.error({ err, where }, 'CARPOS gateway loop failed; retrying'),
      });
    } catch (error) {
      await link.close();
      await home.close();
      throw error;
    }
    link.onConnectionChange((up) => logger.info({ host: config.host, port: config.port }, up ? 'CLETS link up' : 'CLETS link down'));
    const store = { db: home.db, schema: home.schema };
    const unregister = deps.metrics !== undefined ? registerCarposMetrics(deps.metrics, store, () => link.connected, () => new Date(deps.clock.now())) : () => undefined;
    const background = deps.backgroundReconciliations ?? true;
    const reconciliations = new ReconciliationService(store, gateway, background ? config.reconciliation : { ...config.reconciliation, dailyAt: undefined }, deps.clock, logger, deps.courts);
    try {
      await reconciliations.begin(background);
    } catch (error) {
      await gateway.stop();
      await link.close();
      await home.close();
      throw error;
    }
    return new CarposService(store, home, link, gateway, config, unregister, reconciliations);
  }

  /** The gateway's CARPOS query client (entries first, ADR 0012). */
  get queries(): CarposQueryClient {
    return this.gateway.queries;
  }

  get codec(): ProtocolCodec {
    return this.gateway.codec;
  }

  /** Feeds and dispatches now rather than at the next poll (after an order command). */
  wake(): void {
    this.gateway.wake();
  }

  status(): CarposStatus {
    return {
      connected: this.link.connected,
      host: this.config.host,
      port: this.config.port,
      tls: this.config.tls !== undefined,
      link: this.link.stats(),
      responses: this.gateway.stats(),
    };
  }

  /** Stops the loops, closes the link and lets go of the tables; nothing acknowledged is lost (it is all in the tables). */
  async stop(): Promise<void> {
    this.unregisterMetrics();
    await this.reconciliations.stop();
    await this.gateway.stop();
    await this.link.close();
    await this.home.close();
  }
}

/** For the command line: the queue tables without the link (migrated, so a fresh store reads as empty queues). */
export const openCarposStore = async (sqlHome: SqlHome | undefined): Promise<CarposStore & { close(): Promise<void> }> => {
  const home = await openCarposHome(sqlHome, false);
  await runMigrations(home.db, home.schema, carposGatewayMigrations);
  return { db: home.db, schema: home.schema, close: () => home.close() };
};
