import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';

/** Whether this process is a worker started by `serve --workers N`. */
export const isClusterWorker = (): boolean => cluster.isWorker;

/** The worker's number (1…N), for who seeds demo data and who prints the banner. */
export const workerNumber = (): number => (cluster.isWorker ? Number(process.env.CCPOR_WORKER_NUMBER ?? cluster.worker?.id ?? 1) : 0);

/**
 * `ccpor serve --workers N` (ADR 0061): the primary process forks N registry processes with
 * node:cluster; they share the listening port (the primary hands out connections) and one
 * PostgreSQL schema, whose shared state and advisory locks make them interchangeable. The
 * primary serves nothing itself: it restarts a worker that dies, and on SIGTERM/SIGINT passes
 * the signal on and exits once every worker has drained.
 */
export const runPrimary = async (config: Config, workers: number, argv: readonly string[], out: (line: string) => void): Promise<void> => {
  if (config.store.kind !== 'postgres') {
    throw new Error(`--workers needs the PostgreSQL store (CCPOR_STORE=postgres://…): the ${config.store.kind === 'pglite' ? 'embedded store admits one process per data directory' : `${config.store.kind} store is not shared between processes`}.`);
  }
  // One signing key for every worker, or a session opened on one would be refused by another.
  const sessionSecret = config.sessionSecret ?? randomBytes(32).toString('base64url');
  if (config.sessionSecret === undefined) out('CCPOR_SESSION_SECRET is not set: the workers share a random key for this run (sessions end when it stops).');
  cluster.setupPrimary({ args: [...argv] });
  let stopping = false;
  const fork = (n: number): Worker => {
    const w = cluster.fork({ CCPOR_SESSION_SECRET: sessionSecret, CCPOR_WORKER_NUMBER: String(n) });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      out(`worker ${n} (pid ${w.process.pid}) exited (${signal ?? code}); starting another`);
      // A worker that cannot start at all (a bad setting) would be restarted forever: give it a moment.
      setTimeout(() => fork(n), 1000).unref();
    });
    return w;
  };
  for (let n = 1; n <= workers; n++) fork(n);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    out(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await new Promise<void>((resolve) => {
    cluster.on('exit', () => {
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve();
    });
  });
  out('all workers stopped');
};
