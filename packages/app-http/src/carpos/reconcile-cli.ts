import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  courtSummaries,
  DIFFERENCE_KINDS,
  findRun,
  listRuns,
  runDifferences,
  runDifferencesCsv,
  type CarposStore,
  type DifferenceKind,
  type ReconciliationRun,
  type SqlHome,
} from '@ccpor/adapters';
import { Ori, type Actor, type EventStore, type Clock, type IdGenerator, type CommandHandler } from '@ccpor/domain';
import type { Config } from '../config/config';
import { rateBar } from '../cli/import-progress';
import { CarposService } from './carpos-service';
import { CletsAudit } from './clets-audit';
import { registeredCourts } from './registered-courts';
import type { IdentityService } from '../identity/identity-service';
import type { Logger } from 'pino';

/** What the reconciliation commands read and write: the registered courts, orders and the log. */
export interface ReconcileCliNeeds {
  readonly store: EventStore;
  /** The log's SQL database and schema, from the store opener (absent on the memory and EventStoreDB stores; ADR 0083). */
  readonly sqlHome?: SqlHome;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly identity: IdentityService;
  readonly logger: Logger;
}

type WithServices = <T>(fn: (s: ReconcileCliNeeds, c: Config) => Promise<T>) => Promise<T>;
type WithStore = <T>(fn: (store: CarposStore, audit: CletsAudit) => Promise<T>) => Promise<T>;

const out = (v: unknown): void => {
  process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);
};

const ori = (value: string): string => {
  const decoded = Ori.decode(value);
  if (decoded._tag === 'Left') throw new InvalidArgumentError('not an ORI (two letters and seven letters or digits)');
  return decoded.right;
};
const whole = (max: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
  return n;
};
const runId = (value: string): string => {
  if (!/^\d{1,18}$/.test(value)) throw new InvalidArgumentError('a run number, as `ccpor carpos reconciliations` lists them');
  return value;
};

const summaryLines = (run: ReconciliationRun, courts: Awaited<ReturnType<typeof courtSummaries>>): string =>
  [
    `Reconciliation ${run.id} (${run.scope}${run.courtOri !== null ? ` ${run.courtOri}` : ''}) ${run.status}: ${run.dojRecords} DOJ records read in ${run.pages} pages, ${run.differences} differences.`,
    ['court', 'absent at DOJ', 'different', 'inactive in registry', 'only at DOJ'].join('\t'),
    ...courts.map((c) => [c.courtOri, c.differences['absent-at-doj'], c.differences.different, c.differences['inactive-in-registry'], c.differences['only-at-doj']].join('\t')),
    ...(run.lastError !== null ? [`last error: ${run.lastError}`] : []),
  ].join('\n');

/**
 * `ccpor carpos reconcile` and its reports (ADR 0013). The run itself opens the CLETS link and the
 * gateway as `serve` does (entries keep their priority while it runs), so run it while `serve` is
 * stopped — the embedded store admits one process anyway, and on PostgreSQL two gateways would
 * give DOJ two connections. The reports only read the tables and work beside `serve`.
 */
export const addReconcileCommands = (carpos: Command, withServices: WithServices, withStore: WithStore, actor: () => Actor): void => {
  carpos
    .command('reconcile')
    .description('Reconcile the registry with DOJ: a court’s orders in force (--court) or the state’s, with a progress bar; Ctrl-C stops after the page in hand (resume with --resume)')
    .option('--court <ori>', 'only this court', ori)
    .option('--rate <pages>', 'DOJ listing pages a second at most (default CCPOR_CARPOS_RECONCILE_RATE, 2)', whole(1000))
    .option('--page-size <n>', 'records a page (default CCPOR_CARPOS_RECONCILE_PAGE_SIZE, 100)', whole(999))
    .addOption(new Option('--resume <run>', 'carry on with a run a stopped process left running').argParser(runId).conflicts(['court', 'rate', 'pageSize']))
    .option('--json', 'print the result as JSON')
    .action((o: { court?: string; rate?: number; pageSize?: number; resume?: string; json?: boolean }) =>
      withServices(async (s, config) => {
        if (config.carpos === undefined) throw new Error('CCPOR_CLETS_HOST is not set: there is no CLETS link to reconcile over.');
        const service = await CarposService.start({
          config: config.carpos,
          eventStore: s.store,
          sqlHome: s.sqlHome,
          memoryStore: config.store.kind === 'memory',
          commands: s.commands,
          clock: s.clock,
          agency: (a) => s.identity.view.agencies.get(a),
          logger: s.logger,
          courts: () => registeredCourts(s.identity.view.agencies.values()),
          backgroundReconciliations: false,
        });
        const stop = new AbortController();
        const interrupt = (): void => stop.abort();
        process.once('SIGINT', interrupt);
        try {
          const who = actor();
          let id = o.resume;
          if (id === undefined) {
            const started = await service.reconciliations.start(
              {
                scope: o.court === undefined ? 'state' : 'court',
                ...(o.court !== undefined ? { courtOri: o.court } : {}),
                trigger: 'command-line',
                requestedBy: { userId: who.userId, agencyOri: who.agencyOri, kind: who.kind },
                ...(o.rate !== undefined ? { ratePerSecond: o.rate } : {}),
                ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
              },
              false,
            );
            if (started._tag === 'Left') {
              throw new Error(started.left.code === 'ALREADY_RUNNING' ? `reconciliation ${started.left.runId} is still running: resume it with --resume ${started.left.runId}` : started.left.message);
            }
            id = started.right.id;
            await new CletsAudit(s.store, s.clock, s.ids).record({
              at: s.clock.now(),
              requestId: `cli-${s.ids.newId()}`,
              principal: { userId: who.userId, agencyOri: who.agencyOri, roles: who.roles, kind: who.kind },
              action: 'carpos.reconciliation.start',
              route: 'ccpor carpos reconcile',
              runId: id,
              ...(o.court !== undefined ? { courtOri: o.court } : {}),
            });
          } else if ((await findRun(service.store, id))?.status !== 'running') {
            throw new Error(`reconciliation ${id} is not running`);
          }
          const first = await findRun(service.store, id);
          const bar = o.json === true ? undefined : rateBar(`reconciliation ${id}`, 'records', first?.registryInForce ?? 0);
          const t0 = Date.now();
          const done = await service.reconciliations.runToEnd(id, stop.signal, (run) => {
            const seconds = Math.max((Date.now() - t0) / 1000, 0.001);
            bar?.update(run.dojRecords, Math.round(run.dojRecords / seconds), `courts ${run.courtsDone}/${run.courtsTotal} | ${run.differences} differences`);
          });
          bar?.stop();
          const courts = await courtSummaries(service.store, done.id);
          if (o.json === true) out({ ...done, courts });
          else out(summaryLines(done, courts));
          if (done.status === 'running') out(`Stopped. Resume with: ccpor carpos reconcile --resume ${done.id}`);
          if (done.status === 'failed') process.exitCode = 1;
        } finally {
          process.off('SIGINT', interrupt);
          await service.stop();
        }
      }),
    );

  carpos
    .command('reconciliations')
    .description('Reconciliation runs, newest first')
    .option('--limit <n>', 'at most this many', whole(1000))
    .option('--json', 'print JSON')
    .action((o: { limit?: number; json?: boolean }) =>
      withStore(async (store) => {
        const runs = await listRuns(store, o.limit !== undefined ? { limit: o.limit } : {});
        if (o.json === true) out(runs);
        else out(runs.length === 0 ? '(none)' : runs.map((r) => [r.id, r.scope, r.courtOri ?? '', r.status, r.startedAt, `${r.dojRecords} records`, `${r.differences} differences`].join('\t')).join('\n'));
      }),
    );

  carpos
    .command('report <run>')
    .description('A reconciliation’s differences (CLETS data: the viewing is audited); --csv for the CSV export')
    .option('--court <ori>', 'only this court', ori)
    .addOption(new Option('--kind <kind>', 'only this kind of difference').choices([...DIFFERENCE_KINDS]))
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .action((id: string, o: { court?: string; kind?: DifferenceKind; csv?: boolean; json?: boolean }) =>
      withStore(async (store, audit) => {
        const run = await findRun(store, runId(id));
        if (run === undefined) throw new Error(`no reconciliation ${id}`);
        const filter = { ...(o.court !== undefined ? { courtOri: o.court } : {}), ...(o.kind !== undefined ? { kind: o.kind } : {}) };
        const who = actor();
        await audit.record({
          at: new Date().toISOString(),
          requestId: `cli-${Date.now()}`,
          principal: { userId: who.userId, agencyOri: who.agencyOri, roles: who.roles, kind: who.kind },
          action: o.csv === true ? 'carpos.reconciliation.export' : 'carpos.reconciliation.view',
          route: `ccpor carpos report ${id}`,
          runId: run.id,
          ...(o.court !== undefined ? { courtOri: o.court } : {}),
        });
        if (o.csv === true) {
          process.stdout.write(await runDifferencesCsv(store, run.id, filter));
          return;
        }
        const entries = [];
        let after: string | undefined;
        do {
          const page = await runDifferences(store, run.id, { ...filter, limit: 1000, ...(after !== undefined ? { after } : {}) });
          entries.push(...page.entries);
          after = page.next;
        } while (after !== undefined);
        if (o.json === true) out({ run, entries });
        else {
          out(summaryLines(run, await courtSummaries(store, run.id)));
          for (const d of entries) {
            const what = d.fields.length > 0 ? d.fields.map((f) => `${f.field} ${f.registry ?? '-'}→${f.doj ?? '-'}`).join(', ') : '';
            out([d.courtOri, d.kind, d.orderId ?? '', d.fcn ?? '', what, d.fixes.map((f) => f.action).join(';')].join('\t'));
          }
        }
      }),
    );
};
