import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  awaitingDataQueue,
  correctionQueue,
  deadLetterQueue,
  findOutboxEntry,
  notificationsForAgency,
  overdueOrders,
  pendingQueue,
  queueCounts,
  retryDeadLetter,
  reviewQueue,
  submissionLatencyByAgency,
  type CarposStore,
  type QueueFilter,
} from '@ccpor/adapters';
import { Ori, type Actor, type EventStore } from '@ccpor/domain';
import { AccessAuditLog } from '../audit/access-audit';
import type { Config } from '../config/config';
import { openEventStore } from '../store/open-event-store';
import { randomIds, systemClock } from '../store/system-ports';
import { openCarposStore } from './carpos-service';
import { CletsAudit } from './clets-audit';
import { addReconcileCommands, type ReconcileCliNeeds } from './reconcile-cli';
import type { IdentityService } from '../identity/identity-service';

/** What the `ccpor carpos` commands read, the reconciliation commands' needs included. */
export interface CarposCliNeeds extends ReconcileCliNeeds {
  readonly identity: IdentityService;
}

type WithServices = <T>(fn: (s: CarposCliNeeds, c: Config) => Promise<T>) => Promise<T>;

const out = (v: unknown): void => {
  process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);
};

const ori = (value: string): string => {
  const decoded = Ori.decode(value);
  if (decoded._tag === 'Left') throw new InvalidArgumentError('not an ORI (two letters and seven letters or digits)');
  return decoded.right;
};

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number from 1');
  return n;
};

/**
 * Opens the configured store's gateway tables without starting the gateway or the read model,
 * so an operator can look at the queues while (on PostgreSQL) `serve` keeps running.
 */
const withCarposStore = async <T>(config: () => Config, fn: (store: CarposStore, audit: AccessAuditLog, eventStore: EventStore) => Promise<T>): Promise<T> => {
  const { store: eventStore, sqlHome } = await openEventStore(config().store);
  // The operator's actions go to the same access audit as the API's (written before the store closes).
  const audit = new AccessAuditLog(eventStore, systemClock, randomIds, {
    intervalMs: 60_000,
    maxBatch: 100,
    onError: (error) => process.stderr.write(`ccpor: access audit not written: ${String(error)}\n`),
  });
  try {
    const store = await openCarposStore(sqlHome);
    try {
      return await fn(store, audit, eventStore);
    } finally {
      await store.close();
    }
  } finally {
    await audit.flush();
    await eventStore.close();
  }
};

interface ListOptions {
  agency?: string;
  limit?: number;
  json?: boolean;
}

const filterOf = (o: ListOptions): QueueFilter => ({ ...(o.agency !== undefined ? { agencyOri: o.agency } : {}), ...(o.limit !== undefined ? { limit: o.limit } : {}) });

const print = (rows: readonly object[], o: ListOptions, line: (row: never) => string): void => {
  if (o.json === true) out(rows);
  else out(rows.length === 0 ? '(none)' : rows.map((r) => line(r as never)).join('\n'));
};

/** `ccpor carpos …`: the gateway's queues, the operator's retry, timeliness and each agency's CARPOS setting. */
export const addCarposCommands = (program: Command, config: () => Config, withServices: WithServices, actor: () => Actor): void => {
  const carpos = program.command('carpos').description('The CARPOS gateway: DOJ queues, retries, timeliness, agency settings');
  const list = (name: string, description: string) =>
    carpos
      .command(name)
      .description(description)
      .option('--agency <ori>', 'only orders this agency added or submits for', ori)
      .option('--limit <n>', 'at most this many rows (default 500)', positive)
      .option('--json', 'print JSON');

  list('pending', 'Messages waiting to go to DOJ, or sent and waiting for its answer').action((o: ListOptions) =>
    withCarposStore(config, async (s) =>
      print(await pendingQueue(s, filterOf(o)), o, (r: { id: string; orderId: string; transaction: string; status: string; attempts: number; lastError: string | null }) =>
        [r.id, r.orderId, r.transaction, r.status, `attempts ${r.attempts}`, r.lastError ?? ''].join('\t'),
      ),
    ),
  );
  list('awaiting-data', 'Orders held back until DOJ-required data is added').action((o: ListOptions) =>
    withCarposStore(config, async (s) =>
      print(await awaitingDataQueue(s, filterOf(o)), o, (r: { id: string; orderId: string; transaction: string; missing: { field: string }[] | null }) =>
        [r.id, r.orderId, r.transaction, `missing: ${(r.missing ?? []).map((m) => m.field).join(', ')}`].join('\t'),
      ),
    ),
  );
  list('rejected', 'The correction queue: orders whose last DOJ answer was a reject').action((o: ListOptions) =>
    withCarposStore(config, async (s) =>
      print(await correctionQueue(s, filterOf(o)), o, (r: { orderId: string; transaction: string; rejectedAt: string | null; response: { fields?: { code: string; values: string[] }[] } }) =>
        [r.orderId, r.transaction, r.rejectedAt ?? '', (r.response.fields ?? []).filter((f) => f.code === 'ERC' || f.code === 'ERM').map((f) => f.values.join(' ')).join(': ')].join('\t'),
      ),
    ),
  );
  list('dead-letter', 'Messages that failed every attempt (retry one with `ccpor carpos retry <id>`)').action((o: ListOptions) =>
    withCarposStore(config, async (s) =>
      print(await deadLetterQueue(s, filterOf(o)), o, (r: { id: string; orderId: string; transaction: string; attempts: number; lastError: string | null }) =>
        [r.id, r.orderId, r.transaction, `attempts ${r.attempts}`, r.lastError ?? ''].join('\t'),
      ),
    ),
  );
  list('review', 'DOJ answers not yet reviewed by a CLETS-certified user').action((o: ListOptions) =>
    withCarposStore(config, async (s) =>
      print(await reviewQueue(s, filterOf(o)), o, (r: { orderId: string; fcn: string | null; messageIds: string[] }) => [r.orderId, r.fcn ?? '', r.messageIds.join(',')].join('\t')),
    ),
  );
  list('overdue', 'Orders past their one-business-day DOJ deadline and not acknowledged').action((o: ListOptions) =>
    withCarposStore(config, async (s) =>
      print(await overdueOrders(s, new Date(), filterOf(o)), o, (r: { orderId: string; agencyOri: string | null; dojDeadline: string; reason: string }) =>
        [r.orderId, r.agencyOri ?? '', `due ${r.dojDeadline}`, r.reason].join('\t'),
      ),
    ),
  );
  carpos
    .command('notifications <ori>')
    .description('Unsolicited DOJ notifications addressed to an agency, newest first')
    .option('--limit <n>', 'at most this many', positive)
    .option('--json', 'print JSON')
    .action((agency: string, o: ListOptions) =>
      withCarposStore(config, async (s) =>
        print(await notificationsForAgency(s, ori(agency), o.limit), o, (r: { id: string; receivedAt: string; notificationType: string | null; fcn: string | null; orderId: string | null }) =>
          [r.id, r.receivedAt, r.notificationType ?? '', r.fcn ?? '', r.orderId ?? ''].join('\t'),
        ),
      ),
    );
  carpos
    .command('stats')
    .description('Queue sizes, overdue count and issue-to-acknowledgement latency per agency')
    .option('--since <time>', 'only orders issued since this ISO time')
    .action((o: { since?: string }) =>
      withCarposStore(config, async (s) => {
        if (o.since !== undefined && Number.isNaN(Date.parse(o.since))) throw new InvalidArgumentError('--since must be an ISO date-time');
        out({ queues: await queueCounts(s), agencies: await submissionLatencyByAgency(s, o.since !== undefined ? { since: new Date(o.since) } : {}) });
      }),
    );
  carpos
    .command('retry <id>')
    .description('Send a dead-lettered message again with a fresh attempt count (a running gateway picks it up)')
    .action((id: string) =>
      withCarposStore(config, async (s, audit) => {
        if (!/^\d{1,18}$/.test(id)) throw new InvalidArgumentError('the id is the number `ccpor carpos dead-letter` shows');
        const entry = await findOutboxEntry(s, id);
        if (entry === undefined) throw new Error(`no CARPOS message ${id}`);
        const retried = await retryDeadLetter(s, id);
        const who = actor();
        audit.record({
          at: systemClock.now(),
          requestId: `cli-${randomIds.newId()}`,
          principal: { userId: who.userId, agencyOri: who.agencyOri, roles: who.roles, kind: who.kind },
          action: 'doj.queue.manage',
          orderId: entry.orderId,
          ...(entry.agencyOri !== null ? { targetAgencyOri: entry.agencyOri } : {}),
          allowed: true,
          rule: 'command line: operator with access to the registry’s store',
          route: `ccpor carpos retry ${id}`,
        });
        if (!retried) throw new Error(`message ${id} is ${entry.status}, not dead-lettered`);
        out(`Message ${id} (${entry.transaction} of order ${entry.orderId}) is queued again.`);
      }),
    );
  addReconcileCommands(carpos, withServices, (fn) => withCarposStore(config, (store, _audit, eventStore) => fn(store, new CletsAudit(eventStore, systemClock, randomIds))), actor);
  carpos
    .command('agency <ori>')
    .description('Set how an agency takes part in CARPOS (applies to orders added from now on)')
    .addOption(new Option('--enable', 'its orders go to DOJ through the registry').conflicts('disable'))
    .addOption(new Option('--disable', 'it keys its orders into CLETS itself'))
    .addOption(new Option('--submitter <who>', 'who enters its orders into CARPOS').choices(['court', 'sheriff']))
    .option('--submitter-ori <ori>', 'ORI the CARPOS records go out under (the sheriff entering for a court)', ori)
    .action((agencyOri: string, o: { enable?: boolean; disable?: boolean; submitter?: 'court' | 'sheriff'; submitterOri?: string }) =>
      withServices(async (s) => {
        const current = s.identity.agency(ori(agencyOri));
        const enabled = o.enable === true ? true : o.disable === true ? false : current.carpos.enabled;
        const next = {
          ...current.carpos,
          enabled,
          ...(o.submitter !== undefined ? { submitter: o.submitter } : {}),
          ...(o.submitterOri !== undefined ? { submitterOri: o.submitterOri } : {}),
        };
        const updated = await s.identity.updateAgency(current.ori, { carpos: next }, actor());
        out(updated.carpos);
      }),
    );
};
