import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { SYSTEM_ACTOR } from '../../identity/identity-service';
import { buildContainer, closeServices, resolveServices } from '../../composition/container';
import { loadConfig } from '../../config/config';
import { DEMO_AGENCIES } from '../../demo/demo-orders';

/** The local trust-auth PostgreSQL the project's CI provides (CCPOR_TEST_PG_URL overrides it). */
export const PG_URL = process.env.CCPOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SESSION_SECRET = 'scale-tests-session-secret-0123456789abcdef';
export const PASSWORD = 'Correct-Horse-Battery-9!';
/** A state administrator every prepared schema has. */
export const ADMIN = 'opsadmin';
const MAIN = resolve(__dirname, '../../../dist/cli/main.js');

/** The built command line these tests start as real processes (CI builds before it tests). */
export const builtCli = (): string => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  return MAIN;
};

export const throwawaySchema = (label: string): string => `ccpor_${label}_${Math.random().toString(16).slice(2, 10)}`;

export const dropSchema = async (schema: string, url = PG_URL): Promise<void> => {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
};

export const baseEnv = (schema: string, extra: Record<string, string> = {}): Record<string, string> => ({
  CCPOR_STORE: PG_URL,
  CCPOR_PG_SCHEMA: schema,
  CCPOR_PG_POOL_SIZE: '6',
  CCPOR_SESSION_SECRET: SESSION_SECRET,
  CCPOR_LOG_LEVEL: 'warn',
  CCPOR_HOST: '127.0.0.1',
  CCPOR_PORT: '0',
  CCPOR_LOGIN_RATE_PER_MINUTE: '1000',
  CCPOR_LEADER_CHECK_MS: '200',
  CCPOR_INTEGRATIONS: 'false',
  ...extra,
});

export interface Prepared {
  /** API keys (Bearer values) of a court clerk at each demo court, by ORI. */
  readonly keys: Readonly<Record<string, string>>;
  /** Users with PASSWORD and no password change pending. */
  readonly users: readonly string[];
}

/**
 * Sets a schema up in this process before any registry process starts: the demo agencies, the
 * given users (court clerks of the Los Angeles court, password PASSWORD) and an API key per court.
 */
export const prepareSchema = async (schema: string, users: readonly string[] = [], url = PG_URL): Promise<Prepared> => {
  const config = loadConfig(baseEnv(schema, { CCPOR_STORE: url }));
  const s = await resolveServices(buildContainer(config, { logger: pino({ level: 'silent' }) }));
  try {
    await s.identity.bootstrap(config.bootstrapAdmin);
    for (const a of DEMO_AGENCIES) if (!s.identity.view.agencies.has(a.ori)) await s.identity.registerAgency(a, SYSTEM_ACTOR);
    for (const username of [...users, ADMIN]) {
      const admin = username === ADMIN;
      await s.identity.createUser({ username, displayName: username, agencyOri: admin ? 'CASTATE00' : DEMO_AGENCIES[0].ori, roles: [admin ? 'state-admin' : 'court-clerk'], cletsCertified: false }, SYSTEM_ACTOR);
      await s.identity.changePassword(username, PASSWORD, SYSTEM_ACTOR);
    }
    const keys: Record<string, string> = {};
    for (const a of DEMO_AGENCIES.filter((x) => x.kind === 'superior-court')) keys[a.ori] = (await s.identity.issueApiKey({ agencyOri: a.ori, label: 'scale test', roles: ['court-clerk'] }, SYSTEM_ACTOR)).secret;
    return { keys, users };
  } finally {
    await closeServices(s);
  }
};

export interface RegistryProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  /** SIGKILL, and resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM; resolves with the exit code (or signal). */
  stop(): Promise<number | string | null>;
}

/** Starts `ccpor serve` (with `args`) as a child process and resolves once it listens. */
export const startRegistry = (env: Record<string, string>, args: readonly string[] = []): Promise<RegistryProcess> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [builtCli(), 'serve', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const exited = new Promise<number | string | null>((r) => child.once('exit', (code, signal) => r(code ?? signal)));
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /CCPOR registry listening on (http:\/\/\S+)/.exec(out);
      if (m && !done) {
        done = true;
        resolvePromise({
          url: m[1]!,
          child,
          output: () => out,
          kill9: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      if (!done) reject(new Error(`ccpor serve exited early (${String(code)}): ${out}`));
    });
  });

/**
 * A small TCP load balancer in front of several registry processes: each new connection goes to
 * the next backend in turn, and to another when that one refuses (it died).
 */
export const startProxy = async (backends: readonly string[]): Promise<{ url: string; close(): Promise<void> }> => {
  const targets = backends.map((b) => new URL(b));
  let next = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const tryTarget = (attempt: number) => {
      if (attempt >= targets.length) return client.destroy();
      const t = targets[next++ % targets.length]!;
      const upstream = connect(Number(t.port), t.hostname);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => {
        // Refused: that backend is gone; the client never knew it, so try the next one.
        if (!connected) tryTarget(attempt + 1);
        else client.destroy();
      });
      upstream.on('close', () => {
        if (connected) client.destroy();
      });
    };
    tryTarget(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
};

/** Signs in on `url` and returns the cookie and CSRF token. */
export const signIn = async (url: string, username: string, password = PASSWORD): Promise<{ status: number; cookie: string; csrf: string }> => {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { csrfToken?: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: res.status, cookie, csrf: body.csrfToken ?? '' };
};

export const readyz = async (url: string): Promise<{ leadership?: { leading: string[]; following: string[] } }> => (await (await fetch(`${url}/readyz`)).json()) as never;

/** Polls `condition` every 20 ms until it holds, for at most `ms`. */
export const eventually = async (condition: () => Promise<boolean> | boolean, what: string, ms = 20_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

export const pgBinaries = (): string | undefined => {
  const dir = '/usr/lib/postgresql/15/bin';
  return existsSync(join(dir, 'pg_basebackup')) && existsSync(join(dir, 'postgres')) ? dir : undefined;
};
