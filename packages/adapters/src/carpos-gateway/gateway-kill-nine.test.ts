import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import { throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { appendNewOrder, eventually, openPostgresRegistry, type Registry } from './__tests__/gateway-harness';

const repoRoot = resolve(__dirname, '../../../..');
const ORDERS = 600;

/** Starts the gateway in its own process and resolves once it is running. */
const startChild = (schema: string, port: number): Promise<ChildProcess> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '__tests__', 'gateway-child.ts'), schema, String(port)], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.tests.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolvePromise(child);
    });
    child.once('exit', (code, signal) => reject(new Error(`gateway child exited early (${code ?? signal}): ${stderr}`)));
  });

const killNine = (child: ChildProcess): Promise<NodeJS.Signals | null> =>
  new Promise((resolvePromise) => {
    child.removeAllListeners('exit');
    child.once('exit', (_code, signal) => resolvePromise(signal));
    child.kill('SIGKILL');
  });

describe('CARPOS gateway survives kill -9 mid-flight (PostgreSQL)', () => {
  const schema = throwawaySchemaName('carpos_kill');
  let registry: Registry | undefined;
  let simulator: DojSimulator | undefined;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) await killNine(child);
    await simulator?.close();
    await registry?.close();
  });

  it('loses no order and enters none twice after a restart', async () => {
    registry = await openPostgresRegistry(schema);
    // Answers take a while, so plenty of messages are in flight when the gateway dies.
    simulator = await startDojSimulator({ faults: { delay: { probability: 1, ms: 40 } } });
    for (let i = 0; i < ORDERS; i += 1) await appendNewOrder(registry.eventStore, i);
    const sim = simulator;
    const requests = (): string[] => sim.exchanges.flatMap((x) => (x.kind === 'received' ? [x.messageId] : []));

    child = await startChild(schema, sim.port);
    await sim.waitFor(() => requests().length >= ORDERS / 3, 60_000);
    expect(await killNine(child)).toBe('SIGKILL');
    const beforeRestart = requests().length;
    expect(beforeRestart).toBeLessThan(ORDERS);

    child = await startChild(schema, sim.port);
    const db = registry.db;
    await eventually(
      async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".carpos_outbox WHERE status = 'acknowledged'`)).rows[0]?.n) === ORDERS,
      'every order acknowledged',
      60_000,
    );
    await killNine(child);

    // DOJ has each order once; the messages caught in flight went again under their own ids.
    expect(sim.records.size).toBe(ORDERS);
    expect(new Set(sim.records.all().map((r) => r.fields.get('PNO')?.[0])).size).toBe(ORDERS);
    const ids = requests();
    expect(ids.length).toBeGreaterThan(ORDERS);
    expect(new Set(ids).size).toBe(ORDERS);
    // And each order carries exactly one acknowledgement of its enter.
    const acks = await db.query<{ n: string; orders: string }>(
      `SELECT count(*) AS n, count(DISTINCT stream_id) AS orders FROM "${schema}".events WHERE type = 'DojAcknowledgementRecorded'`,
    );
    expect(Number(acks.rows[0]?.n)).toBe(ORDERS);
    expect(Number(acks.rows[0]?.orders)).toBe(ORDERS);
  }, 150_000);
});
