import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgBinaries, PG_URL } from './registry-process';

/** A PostgreSQL server this test started (a standby, or a primary of its own), and how to stop it. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

/** PostgreSQL refuses to run as root: its files and processes belong to the `postgres` user. */
const postgresUser = (): { uid: number; gid: number } => {
  const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
  return { uid, gid };
};

const asPostgres = (bin: string, args: readonly string[]): string[] => (process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', bin, ...args] : [bin, ...args]);

const run = (bin: string, args: readonly string[]): { ok: boolean; output: string } => {
  const [cmd, ...rest] = asPostgres(bin, args);
  const r = spawnSync(cmd!, rest, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
};

const tempDir = (label: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `ccpor-${label}-`));
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
};

const writeAsPostgres = (file: string, text: string): void => {
  writeFileSync(file, text, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(file, uid, gid);
  }
};

/** Starts `postgres` on `dataDir` as this test's child process and resolves once it accepts connections. */
const startPostgres = async (bin: string, dataDir: string, extra: readonly string[] = []): Promise<TestServer> => {
  const port = await freePort();
  const [cmd, ...args] = asPostgres(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', ...extra]);
  const child: ChildProcess = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `postgres://postgres@127.0.0.1:${port}/test`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = new Client({ connectionString: url.replace(/\/test$/, '/postgres') });
    try {
      await c.connect();
      await c.end();
      break;
    } catch {
      await c.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`postgres did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port,
    stop: async () => {
      // Fast shutdown through pg_ctl (runuser need not pass a signal on to the postmaster).
      const stopped = run(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
      if (!stopped.ok) child.kill('SIGKILL');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** A primary of the test's own, when the machine's server does not admit replication connections. */
const ownPrimary = async (bin: string): Promise<TestServer> => {
  const dir = tempDir('primary');
  const init = run(join(bin, 'initdb'), ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  if (!init.ok) throw new Error(`initdb failed: ${init.output}`);
  const server = await startPostgres(bin, dir, ['-c', 'wal_level=replica', '-c', 'max_wal_senders=4']);
  const c = new Client({ connectionString: server.url.replace(/\/test$/, '/postgres') });
  await c.connect();
  await c.query('CREATE DATABASE test');
  await c.end();
  return server;
};

export interface Replication {
  readonly primaryUrl: string;
  readonly standby: TestServer;
  /** Why the machine's PostgreSQL is not the primary (it refused replication), if it is not. */
  readonly note?: string;
  stop(): Promise<void>;
}

/**
 * A hot standby made by the test (ADR 0062): `pg_basebackup -R` of the primary into a temporary
 * directory, started as `postgres` on a free port. The primary is the machine's PostgreSQL when
 * it admits replication connections, else one the test initialises. Undefined (with the reason)
 * when the server binaries are not installed.
 */
export const startReplication = async (): Promise<Replication | { readonly skip: string }> => {
  const bin = pgBinaries();
  if (bin === undefined) return { skip: 'PostgreSQL server binaries are not under /usr/lib/postgresql/15/bin' };
  const machine = new URL(PG_URL);
  let primary: TestServer | undefined;
  let primaryUrl = PG_URL;
  let note: string | undefined;
  const dir = tempDir('standby');
  const backup = (host: string, port: string) => run(join(bin, 'pg_basebackup'), ['-h', host, '-p', port, '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  let b = backup(machine.hostname, machine.port || '5432');
  if (!b.ok) {
    note = `the machine's PostgreSQL refused replication (${b.output.trim().split('\n').pop()}); using a primary of the test's own`;
    rmSync(dir, { recursive: true, force: true });
    const fresh = tempDir('standby');
    primary = await ownPrimary(bin);
    primaryUrl = primary.url;
    b = run(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', fresh, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    if (!b.ok) throw new Error(`pg_basebackup failed: ${b.output}`);
    const standby = await startPostgres(bin, fresh, ['-c', 'hot_standby=on']);
    return { primaryUrl, standby, note, stop: async () => (await standby.stop(), await primary!.stop()) };
  }
  // A Debian cluster keeps its configuration outside the data directory; the copy needs its own.
  for (const [file, text] of [
    ['postgresql.conf', ''],
    ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'],
    ['pg_ident.conf', ''],
  ] as const)
    if (!existsSync(join(dir, file))) writeAsPostgres(join(dir, file), text);
  const standby = await startPostgres(bin, dir, ['-c', 'hot_standby=on']);
  return { primaryUrl, standby, stop: () => standby.stop() };
};
