import { JOBS } from '../server/background-jobs';
import { baseEnv, dropSchema, eventually, prepareSchema, type readyz, signIn, startRegistry, throwawaySchema, type RegistryProcess } from './__tests__/registry-process';

/** `ccpor serve --workers 2` (issue 18, ADR 0061): starts, serves from both workers, stops cleanly. */
const schema = throwawaySchema('workers');
let cluster: RegistryProcess | undefined;

afterAll(async () => {
  if (cluster !== undefined && cluster.child.exitCode === null) await cluster.kill9();
  await dropSchema(schema);
});

describe('serve --workers 2', () => {
  it('starts two workers on one port, serves from both, and stops cleanly on SIGTERM', async () => {
    await prepareSchema(schema, ['clerk.w']);
    // No CCPOR_SESSION_SECRET: the primary gives both workers one key, so a session works on either.
    const { CCPOR_SESSION_SECRET: _unused, ...env } = baseEnv(schema);
    cluster = await startRegistry(env, ['--workers', '2']);
    const c = cluster;
    await eventually(() => /worker 2 \(pid \d+\) listening/.test(c.output()), 'worker 2 to listen');
    // Connections go to the workers in turn: both answer, one leads the jobs, the other follows.
    const seen = new Map<string, string[]>();
    await eventually(async () => {
      const res = await fetch(`${c.url}/readyz`, { headers: { connection: 'close' } });
      const body = (await res.json()) as Awaited<ReturnType<typeof readyz>>;
      seen.set(JSON.stringify(body.leadership?.leading ?? []), body.leadership?.leading ?? []);
      return seen.size === 2;
    }, 'both workers to answer');
    expect([...seen.values()].map((l) => l.includes(JOBS.search)).sort()).toEqual([false, true]);
    const s = await signIn(c.url, 'clerk.w');
    expect(s.status).toBe(201);
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${c.url}/api/v1/search?caseNumber=NONE-${i}`, { headers: { cookie: s.cookie, connection: 'close' } });
      expect(res.status).toBe(200);
    }
    expect(await c.stop()).toBe(0);
    expect(c.output()).toMatch(/SIGTERM: stopping 2 workers/);
    expect(c.output()).toMatch(/all workers stopped/);
    expect(c.output()).not.toMatch(/exited .*starting another/);
  }, 60_000);
});
