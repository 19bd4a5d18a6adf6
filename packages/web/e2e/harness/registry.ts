import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real registry, as `npm start` runs it: `ccpor serve` built from this repository, on the
 * memory store (images in a temporary folder), with demo orders and their images, listening on a
 * free port, serving the built web application. One per test file.
 */
export interface Registry {
  readonly url: string;
  readonly admin: { readonly username: string; readonly oneTimePassword: string };
  readonly output: () => string;
  stop(): Promise<void>;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const CLI = here('../../../app-http/dist/cli/main.js');
const WEB = here('../../dist');

export const startRegistry = async (options: { demoOrders?: number; env?: Record<string, string> } = {}): Promise<Registry> => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the repository first (npm run build)`);
  if (!existsSync(`${WEB}/index.html`)) throw new Error(`${WEB}/index.html is missing: build the web application first (npm run build -w @ccpor/web)`);
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--seed-demo', String(options.demoOrders ?? 30)], {
    env: {
      ...process.env,
      CCPOR_STORE: 'memory',
      CCPOR_HOST: '127.0.0.1',
      CCPOR_PORT: '0',
      CCPOR_LOG_LEVEL: 'warn',
      CCPOR_WEB_DIR: WEB,
      CCPOR_LOGIN_RATE_PER_MINUTE: '1000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<{ url: string; username: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the registry did not start in 120 s:\n${out}`)), 120_000);
    const check = () => {
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
      const username = /user name: (\S+)/.exec(out)?.[1];
      const password = /one-time password: (\S+)/.exec(out)?.[1];
      if (url && username && password) {
        clearTimeout(timer);
        resolve({ url, username, password });
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the registry exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url: ready.url,
    admin: { username: ready.username, oneTimePassword: ready.password },
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
};
