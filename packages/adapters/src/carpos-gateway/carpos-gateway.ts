import { defaultDictionary, createCodec, type Layout, type ProtocolCodec } from '@ccpor/carpos-protocol';
import { type CletsLink, type CommandHandler, type EventStore } from '@ccpor/domain';
import { type ObservableCletsLink } from '../clets-link/tcp-clets-link';
import { backoffDelay } from '../clets-link/exponential-backoff';
import { runMigrations } from '../sql/migration-runner';
import { type SqlDatabase } from '../sql/sql-database';
import { Signal } from '../outbox/signal';
import { defaultMessageKeys, type CarposMessageKeys, type CarposSettingsLookup } from './carpos-settings';
import { defaultDispatchSettings, Dispatcher, type DispatchSettings } from './dispatcher';
import { carposGatewayMigrations } from './gateway-migrations';
import { OutboxFeeder } from './outbox-feeder';
import { ResponseHandler, type ResponseStats } from './response-handler';
import { readyEntriesProbe } from '../carpos-query/entry-priority';
import { CarposQueryClient, type QueryClientSettings } from '../carpos-query/query-client';

export interface CarposGatewayOptions {
  /** The registry's database; the gateway's tables live beside the event log. */
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly eventStore: EventStore;
  /** The domain's command handler, through which DOJ's answers become events on the order. */
  readonly commands: CommandHandler;
  readonly link: CletsLink;
  readonly settings: CarposSettingsLookup;
  readonly codec?: ProtocolCodec;
  readonly layout?: Layout;
  readonly keys?: Partial<CarposMessageKeys>;
  readonly dispatch?: Partial<DispatchSettings>;
  /** Events per feeder transaction. Default 500. */
  readonly feedBatchSize?: number;
  /** How often idle loops look again when nothing woke them. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /** DOJ answers handled at once (each is a domain command). Default 16. */
  readonly responseConcurrency?: number;
  /** Apply the gateway's migrations on start (default true). */
  readonly migrate?: boolean;
  /** Query pages: timeout, attempts, how many in flight (ADR 0012). */
  readonly queries?: Partial<QueryClientSettings>;
  /** Where loop failures go; the loop itself backs off and carries on. */
  readonly onError?: (where: 'feeder' | 'dispatcher' | 'responses', error: unknown) => void;
}

const isObservable = (link: CletsLink): link is ObservableCletsLink => typeof (link as Partial<ObservableCletsLink>).onConnectionChange === 'function';

/**
 * The CARPOS gateway: three loops over one database. The feeder turns order events into outbox
 * rows; the dispatcher sends ready rows over the CLETS link; the response loop records DOJ's
 * answers on the orders. All their state is in the tables, so `stop` (or a crash) at any point
 * and a later `start` carry on where things were.
 */
export class CarposGateway {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly dispatchWake = new Signal();
  private readonly feedWake = new Signal();
  private readonly feeder: OutboxFeeder;
  private readonly dispatcher: Dispatcher;
  private readonly responses: ResponseHandler;
  private readonly unsubscribe: () => void;
  private readonly pollMs: number;
  /** CARPOS queries over the same link, after entries (ADR 0012). */
  readonly queries: CarposQueryClient;
  readonly codec: ProtocolCodec;

  private constructor(private readonly options: CarposGatewayOptions) {
    const codec = options.codec ?? createCodec(defaultDictionary);
    this.codec = codec;
    const layout = options.layout ?? 'keyword';
    this.queries = new CarposQueryClient(options.link, codec, layout, readyEntriesProbe(options.db, options.schema), options.queries);
    const keys = { ...defaultMessageKeys, ...options.keys };
    this.pollMs = options.pollIntervalMs ?? 200;
    this.feeder = new OutboxFeeder({
      db: options.db,
      schema: options.schema,
      eventStore: options.eventStore,
      settings: options.settings,
      keys,
      codec,
      ...(options.feedBatchSize !== undefined ? { batchSize: options.feedBatchSize } : {}),
    });
    this.dispatcher = new Dispatcher(options.db, options.schema, options.link, codec, layout, { ...defaultDispatchSettings, ...options.dispatch });
    this.responses = new ResponseHandler(
      options.db,
      options.schema,
      codec,
      layout,
      options.commands,
      () => this.dispatchWake.raise(),
      (message) => this.queries.deliver(message),
    );
    this.unsubscribe = isObservable(options.link)
      ? options.link.onConnectionChange((up) => {
          if (up) this.dispatchWake.raise();
          else this.queries.linkDropped();
          if (!up)
            this.dispatcher
              .requeueInFlight()
              .then(() => this.dispatchWake.raise())
              .catch((error: unknown) => this.report('dispatcher', error));
        })
      : () => undefined;
  }

  static async start(options: CarposGatewayOptions): Promise<CarposGateway> {
    if (options.migrate ?? true) await runMigrations(options.db, options.schema, carposGatewayMigrations);
    const gateway = new CarposGateway(options);
    gateway.loops.push(gateway.feedLoop(), gateway.dispatchLoop(), gateway.responseLoop());
    return gateway;
  }

  /** Feeds and dispatches at once instead of at the next poll (after an order command, say). */
  wake(): void {
    this.feedWake.raise();
    this.dispatchWake.raise();
  }

  stats(): ResponseStats {
    return { ...this.responses.stats };
  }

  /** Stops the loops; the link stays open (its owner closes it). */
  async stop(): Promise<void> {
    this.abort.abort();
    this.queries.stop();
    this.unsubscribe();
    this.feedWake.raise();
    this.dispatchWake.raise();
    await Promise.all(this.loops);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private report(where: 'feeder' | 'dispatcher' | 'responses', error: unknown): void {
    if (this.stopped) return;
    this.options.onError?.(where, error);
  }

  private async feedLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const read = await this.feeder.step();
        failures = 0;
        if (read > 0) this.dispatchWake.raise();
        else await this.feedWake.wait(this.pollMs);
      } catch (error) {
        this.report('feeder', error);
        failures += 1;
        await this.feedWake.wait(backoffDelay({ initialMs: this.pollMs, maxMs: 30_000 }, failures));
      }
    }
  }

  private async dispatchLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const sent = await this.dispatcher.step();
        failures = 0;
        if (sent === 0) await this.dispatchWake.wait(Math.min(this.pollMs, this.dispatcher.settings.responseTimeoutMs));
      } catch (error) {
        this.report('dispatcher', error);
        failures += 1;
        await this.dispatchWake.wait(backoffDelay({ initialMs: this.pollMs, maxMs: 30_000 }, failures));
      }
    }
  }

  private async responseLoop(): Promise<void> {
    const limit = this.options.responseConcurrency ?? 16;
    const running = new Set<Promise<void>>();
    // Copies of one frame (DOJ sent it twice) are handled one after the other, so the second
    // finds the first's effect; different answers to one message meet at the row's compare-and-set.
    const byReply = new Map<string, Promise<void>>();
    for await (const frame of this.options.link.inbound(this.abort.signal)) {
      while (running.size >= limit) await Promise.race(running);
      const key = frame.text;
      const before = byReply.get(key) ?? Promise.resolve();
      const task: Promise<void> = before
        .then(() => this.responses.handle(frame))
        .catch((error: unknown) => this.report('responses', error))
        .finally(() => {
          running.delete(task);
          if (byReply.get(key) === task) byReply.delete(key);
        });
      running.add(task);
      byReply.set(key, task);
    }
    await Promise.all(running);
  }
}
