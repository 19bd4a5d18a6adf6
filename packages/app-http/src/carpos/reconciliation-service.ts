import {
  cancelRun,
  Reconciler,
  runningRuns,
  startReconciliation,
  type CarposGateway,
  type CarposStore,
  type ReconciliationRun,
  type StartRefusal,
} from '@ccpor/adapters';
import { fromCaliforniaLocal, toCaliforniaLocal, type Clock } from '@ccpor/domain';
import type * as E from 'fp-ts/Either';
import type { Logger } from 'pino';
import { defaultReconciliationConfig, type ReconciliationConfig } from './carpos-env';

export interface ReconciliationStart {
  readonly scope: 'state' | 'court';
  readonly courtOri?: string;
  readonly trigger: 'on-demand' | 'schedule' | 'command-line';
  readonly requestedBy: { readonly userId: string; readonly agencyOri: string; readonly kind: string };
  /** Overrides of the configured rate and page size (the command line's options). */
  readonly ratePerSecond?: number;
  readonly pageSize?: number;
}

/** The scheduler's identity in the run and the audit. */
export const SCHEDULER = { userId: 'system:reconciliation-schedule', agencyOri: 'CASTATE00', kind: 'system' } as const;

/** The next instant the California wall clock shows `hhmm` after `now`. */
export const nextDailyRun = (now: string, hhmm: string): string => {
  const today = toCaliforniaLocal(now).date;
  const todayAt = fromCaliforniaLocal(today, hhmm);
  if (Date.parse(todayAt) > Date.parse(now)) return todayAt;
  const tomorrow = toCaliforniaLocal(new Date(Date.parse(todayAt) + 36 * 3_600_000).toISOString()).date;
  return fromCaliforniaLocal(tomorrow, hhmm);
};

/**
 * Reconciliations inside `serve` (ADR 0013): started on demand or every day at the configured
 * California time, run in the background on the gateway's query client, resumed after a restart
 * (their progress is in the tables), stopped with the service.
 */
export class ReconciliationService {
  private readonly running = new Map<string, { readonly abort: AbortController; readonly done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  readonly config: ReconciliationConfig;

  constructor(
    private readonly store: CarposStore,
    private readonly gateway: CarposGateway,
    config: Partial<ReconciliationConfig> | undefined,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Courts to list in a state run besides those the registry's orders name (registered courts). */
    private readonly courts: () => readonly string[] = () => [],
    private readonly onProgress?: (run: ReconciliationRun) => void,
  ) {
    this.config = { ...defaultReconciliationConfig, ...config };
  }

  /** Resumes runs a stopped process left running (unless `resume` is false), and arms the daily run. */
  async begin(resume = true): Promise<void> {
    if (resume) for (const id of await runningRuns(this.store)) this.launch(id);
    this.arm();
  }

  /** Records a run and (unless `launch` is false: the caller runs it with `runToEnd`) runs it in the background. */
  async start(request: ReconciliationStart, launch = true): Promise<E.Either<StartRefusal, ReconciliationRun>> {
    const started = await startReconciliation(this.store, {
      scope: request.scope,
      ...(request.courtOri !== undefined ? { courtOri: request.courtOri } : {}),
      trigger: request.trigger,
      requestedBy: request.requestedBy,
      asOf: this.clock.now(),
      ratePerSecond: request.ratePerSecond ?? this.config.ratePerSecond,
      pageSize: request.pageSize ?? this.config.pageSize,
      ...(request.scope === 'state' ? { courts: this.courts() } : {}),
    });
    if (started._tag === 'Right' && launch) this.launch(started.right.id);
    return started;
  }

  /** Runs a run to its end in this call (the command line, with its progress bar). */
  async runToEnd(runId: string, signal?: AbortSignal, onProgress?: (run: ReconciliationRun) => void): Promise<ReconciliationRun> {
    return this.reconciler(onProgress).run(runId, signal);
  }

  async cancel(runId: string): Promise<boolean> {
    const active = this.running.get(runId);
    active?.abort.abort();
    await active?.done;
    return cancelRun(this.store, runId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private reconciler(onProgress?: (run: ReconciliationRun) => void): Reconciler {
    const report = onProgress ?? this.onProgress;
    return new Reconciler({ store: this.store, queries: this.gateway.queries, codec: this.gateway.codec, ...(report !== undefined ? { onProgress: report } : {}) });
  }

  private launch(runId: string): void {
    if (this.running.has(runId) || this.stopped) return;
    const abort = new AbortController();
    const done = this.reconciler()
      .run(runId, abort.signal)
      .then((run) => {
        // Counts only: a report holds CLETS data and stays out of the log.
        if (run.status !== 'running') this.logger.info({ runId, status: run.status, dojRecords: run.dojRecords, differences: run.differences }, 'CARPOS reconciliation finished');
      })
      .catch((err: unknown) => this.logger.error({ err, runId }, 'CARPOS reconciliation stopped by an error; it resumes at the next start'))
      .finally(() => this.running.delete(runId));
    this.running.set(runId, { abort, done });
  }

  private arm(): void {
    const at = this.config.dailyAt;
    if (at === undefined || this.stopped) return;
    const next = nextDailyRun(this.clock.now(), at);
    // setTimeout takes at most about 24.8 days; a day is well within it.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start({ scope: 'state', trigger: 'schedule', requestedBy: SCHEDULER })
        .then((started) => {
          if (started._tag === 'Left') this.logger.warn({ reason: started.left.code }, 'scheduled CARPOS reconciliation not started');
        })
        .catch((err: unknown) => this.logger.error({ err }, 'scheduled CARPOS reconciliation failed to start'))
        .finally(() => this.arm());
    }, Math.max(1_000, Date.parse(next) - Date.parse(this.clock.now())));
    this.timer.unref();
  }
}
