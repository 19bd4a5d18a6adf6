/**
 * Event-store benchmark, two parts in one run (BENCH_PARTS=store,compare by default):
 * - store: appends/s with 1 and 16 clients (p50/p99), batched appends, and readAll throughput,
 *   for each target in bench-targets.ts;
 * - compare: appends through the domain's command handler (load, decide, append) and appends of
 *   the same decided events, 1 and 16 clients, on PostgreSQL, PGlite and Emmett's PostgreSQL
 *   event store side by side, with the PostgreSQL ÷ Emmett ratio.
 *
 *   npm run bench -w @ccpor/adapters           (PostgreSQL from CCPOR_TEST_PG_URL / PG*, PGlite in a temp dir)
 *   BENCH_SECONDS=10 BENCH_TARGETS=PostgreSQL npm run bench -w @ccpor/adapters
 *   BENCH_PARTS=compare BENCH_TARGETS=PostgreSQL,Emmett BENCH_COMPARE_SECONDS=5 BENCH_COMPARE_ROUNDS=5 npm run bench -w @ccpor/adapters
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createCommandHandler, type EventStore } from '@ccpor/domain';
import { defaultTargets, pgliteTarget, postgresTarget, type BenchTarget } from './bench-targets';
import { measureAppends, measureBatchAppends, measureCommands, measureReadAll, type AppendFigures, type ReadFigures } from './bench-measure';
import { emmettTarget } from './emmett-target';
import { benchActor, benchClock, decidedEventsWorkload, orderScript } from './order-workload';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const seedEvents = Number(process.env.BENCH_SEED_EVENTS ?? 100_000);
const only = process.env.BENCH_TARGETS?.split(',').map((s) => s.trim().toLowerCase());
const parts = (process.env.BENCH_PARTS ?? 'store,compare').split(',').map((s) => s.trim().toLowerCase());
/** Commands per order in the comparison: one AddOrder, then RecordService. */
const commandsPerOrder = Number(process.env.BENCH_COMMANDS_PER_ORDER ?? 5);
/** Rounds per store and case in the comparison; the median is reported. */
const compareRounds = Number(process.env.BENCH_COMPARE_ROUNDS ?? 3);
const compareSeconds = Number(process.env.BENCH_COMPARE_SECONDS ?? 2);
const selected = (t: BenchTarget): boolean => !only || only.includes(t.name.toLowerCase()) || only.some((o) => t.name.toLowerCase().startsWith(o));

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => `${n.toFixed(2)} ms`;

const appendLine = (target: string, f: AppendFigures): string =>
  `| ${target} | append, ${f.clients} client${f.clients > 1 ? 's' : ''} | ${int(f.perSecond)} appends/s | ${ms(f.p50Ms)} | ${ms(f.p99Ms)} | ${int(f.appends)} appends in ${f.seconds.toFixed(1)} s, ${f.conflicts} conflicts |`;
const readLine = (target: string, what: string, f: ReadFigures): string =>
  `| ${target} | ${what} | ${int(f.perSecond)} events/s | | | ${int(f.events)} events in ${f.seconds.toFixed(2)} s |`;

const run = async (target: BenchTarget): Promise<string[]> => {
  const lines: string[] = [];
  const { store, dispose } = await target.open(16);
  try {
    await measureAppends(store, 4, 1); // warm-up: connections, prepared statements, caches
    lines.push(appendLine(target.name, await measureAppends(store, 1, seconds)));
    lines.push(appendLine(target.name, await measureAppends(store, 16, seconds)));
    lines.push(readLine(target.name, 'batched append, 1,000 per append', await measureBatchAppends(store, seedEvents, 1_000)));
    await measureReadAll(store, 10_000); // warm the cache the way a rebuild right after writes would find it
    lines.push(readLine(target.name, 'readAll, pages of 10,000', await measureReadAll(store, 10_000)));
  } finally {
    await dispose();
  }
  return lines;
};

interface CompareCase {
  readonly label: string;
  readonly clients: number;
  run(store: EventStore): Promise<AppendFigures>;
}

const compareCases = (): CompareCase[] => {
  const workload = decidedEventsWorkload(commandsPerOrder);
  const viaHandler = (clients: number): CompareCase => ({
    label: 'command handler: load, decide, append',
    clients,
    run: (store) => measureCommands(createCommandHandler({ eventStore: store, clock: benchClock, ids: { newId: randomUUID } }), benchActor, orderScript, commandsPerOrder, clients, compareSeconds),
  });
  const appendOnly = (clients: number): CompareCase => ({
    label: 'append of the decided events',
    clients,
    run: (store) => measureAppends(store, clients, compareSeconds, workload),
  });
  return [viaHandler(1), viaHandler(16), appendOnly(1), appendOnly(16)];
};

const cell = (f: AppendFigures): string =>
  `${int(f.perSecond)}/s, p50 ${ms(f.p50Ms)}, p99 ${ms(f.p99Ms)}${f.conflicts > 0 ? `, ${f.conflicts} conflicts` : ''}`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

/**
 * All stores open at once. Each case runs `compareRounds` times on every store, the stores
 * taking turns in a rotating order, so a change in the machine's load during the run falls on
 * every store alike. A store's cell is its median round; the ratio is the median of the
 * per-round ratios (PostgreSQL and Emmett measured back to back), with their range.
 */
const compare = async (): Promise<void> => {
  const targets = [postgresTarget, pgliteTarget, emmettTarget].filter(selected);
  if (targets.length === 0) return;
  const opened: { readonly target: BenchTarget; readonly store: EventStore; dispose(): Promise<void> }[] = [];
  try {
    for (const target of targets) opened.push({ target, ...(await target.open(16)) });
    const cases = compareCases();
    for (const { store } of opened) {
      // warm-up: connections, plans, Emmett's schema check, the decider's code paths
      await measureCommands(createCommandHandler({ eventStore: store, clock: benchClock, ids: { newId: randomUUID } }), benchActor, orderScript, commandsPerOrder, 4, 1);
    }
    const hasRatio = targets.includes(postgresTarget) && targets.includes(emmettTarget);
    console.log(
      `\nThrough the domain: ${commandsPerOrder} commands per order (AddOrder, then RecordService), one event per command, exact expected version on every append; ${compareRounds} rounds of ${compareSeconds} s per store and case.\n`,
    );
    console.log(`| measure | clients | ${targets.map((t) => t.name).join(' | ')} |${hasRatio ? ' PostgreSQL ÷ Emmett |' : ''}`);
    console.log(`|---|---|${targets.map(() => '---|').join('')}${hasRatio ? '---|' : ''}`);
    for (const c of cases) {
      const rounds = new Map<BenchTarget, AppendFigures[]>(targets.map((t) => [t, []]));
      for (let round = 0; round < compareRounds; round++) {
        for (let i = 0; i < opened.length; i++) {
          const { target, store } = opened[(i + round) % opened.length]!;
          rounds.get(target)!.push(await c.run(store));
        }
      }
      const cells = targets.map((t) => {
        const figures = rounds.get(t)!;
        const mid = median(figures.map((f) => f.perSecond));
        return cell(figures.find((f) => f.perSecond === mid)!);
      });
      let ratio = '';
      if (hasRatio) {
        const pg = rounds.get(postgresTarget)!;
        const emmett = rounds.get(emmettTarget)!;
        const perRound = pg.map((f, i) => f.perSecond / emmett[i]!.perSecond);
        ratio = ` ${median(perRound).toFixed(2)}× (${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}) |`;
      }
      console.log(`| ${c.label} | ${c.clients} | ${cells.join(' | ')} |${ratio}`);
    }
  } finally {
    for (const { dispose } of opened.reverse()) await dispose();
  }
};

const main = async (): Promise<void> => {
  // Load average before and after: figures from a machine busy with other work are not comparable.
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${load()}; ${seconds} s per append phase, ${int(seedEvents)} batched events before the read\n`);
  if (parts.includes('store')) {
    console.log('| store | measure | rate | p50 | p99 | detail |');
    console.log('|---|---|---|---|---|---|');
    for (const target of defaultTargets.filter(selected)) {
      for (const line of await run(target)) console.log(line);
    }
  }
  if (parts.includes('compare')) await compare();
  console.log(`\nload average after: ${load()}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
