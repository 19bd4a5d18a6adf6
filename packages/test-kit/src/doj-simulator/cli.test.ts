import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import { connectDojTestClient } from './doj-client';

// The `ccpor-doj-sim` program as a court's test team runs it: a separate process on a TCP port.
const repoRoot = resolve(__dirname, '../../../..');
const program = join(__dirname, 'cli.ts');

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

const run = (...args: string[]): Running => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', program, ...args], {
    cwd: repoRoot,
    env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.tests.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
};

const until = async (what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> => {
  for (let waited = 0; !test(); waited += 25) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('ccpor-doj-sim (the simulator as a program)', () => {
  const started: Running[] = [];
  afterEach(() => {
    for (const r of started.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  });

  it('listens on the port it prints, answers a query, logs the exchange as a JSON line, and stops on SIGTERM', async () => {
    const sim = run('--port', '0');
    started.push(sim);
    await until('the listening line', () => /listening on [\d.]+:\d+/.test(sim.stderr()));
    const port = Number(/listening on [\d.]+:(\d+)/.exec(sim.stderr())?.[1]);

    const client = await connectDojTestClient(port);
    const sent = await client.send({ key: 'QPO', ori: 'CA019015J', fields: [{ code: 'FCN', values: ['0000000000042'] }] });
    expect(E.isRight(sent)).toBe(true);
    const [answer] = await client.waitForFrames(1);
    expect(answer !== undefined && E.isRight(answer.message) && answer.message.right.key).toBe('QNH');
    await client.close();

    // Every line is JSON: connections as they open and close, each frame received and each answer sent.
    await until('the answer log line', () => sim.stdout().includes('QNH'));
    // Only whole lines: the last one may still be on its way.
    const lines = sim.stdout().split('\n').slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line.kind === 'connection' && line.event === 'opened')).toBe(true);
    expect(lines.some((line) => line.kind === 'received' && JSON.stringify(line).includes('QPO'))).toBe(true);

    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  }, 60_000);

  it('loads records from a seed file and answers a court-case query with DOJ’s own fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doj-seed-'));
    const file = join(dir, 'records.jsonl');
    const record = {
      enteringOri: 'CA0300000',
      fcn: '1230000000077',
      enteredOn: '20250902',
      fields: { NAM: 'GARCIA,MIGUEL', SEX: 'M', RAC: 'H', DOB: '19850704', HGT: '509', WGT: '175', HAI: 'BLK', OCA: '25DV77', PNO: '25FL000077', CTI: 'CA030015J', ISD: '20250901', EXP: 'NONEXP', PPN: 'GARCIA,ROSA', PCO: ['01'] },
    };
    writeFileSync(file, `${JSON.stringify(record)}\n`);
    const sim = run('--port', '0', '--seed', file, '--quiet');
    started.push(sim);
    await until('the listening line', () => /listening on [\d.]+:\d+/.test(sim.stderr()));
    expect(sim.stderr()).toContain('1 records on file');
    const port = Number(/listening on [\d.]+:(\d+)/.exec(sim.stderr())?.[1]);
    const client = await connectDojTestClient(port);
    await client.send({ key: 'QPO', ori: 'CA019015J', fields: [{ code: 'PNO', values: ['25FL000077'] }, { code: 'CTI', values: ['CA030015J'] }] });
    const [answer] = await client.waitForFrames(1);
    const hit = answer !== undefined && E.isRight(answer.message) ? answer.message.right : undefined;
    expect(hit?.key).toBe('QHT');
    expect(Object.fromEntries((hit?.fields ?? []).map((f) => [f.code, f.values.join(';')]))).toEqual(
      expect.objectContaining({ FCN: '1230000000077', STS: 'A', DTE: '20250902', EAG: 'CA0300000', TOT: '1', EXP: 'NONEXP' }),
    );
    await client.close();
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);

    writeFileSync(file, `${JSON.stringify({ ...record, fields: { ...record.fields, SEX: 'Q' } })}\n`);
    const refused = run('--port', '0', '--seed', file);
    started.push(refused);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toMatch(/record 1: .*SEX/);
  }, 60_000);

  it('refuses a bad argument with exit code 2 and the usage', async () => {
    const sim = run('--port', 'seventy');
    started.push(sim);
    expect(await sim.exited).toBe(2);
    expect(sim.stderr()).toContain('--port seventy is not a port number');
    expect(sim.stderr()).toContain('usage: ccpor-doj-sim');
  }, 60_000);

  it('refuses a fault plan that does not decode, naming the problem', async () => {
    const sim = run('--faults', '{"drop":{"probability":"often"}}');
    started.push(sim);
    expect(await sim.exited).toBe(2);
    expect(sim.stderr()).toContain('fault plan refused');
  }, 60_000);
});
