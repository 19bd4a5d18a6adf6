import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { PgliteEventStore } from '@ccpor/adapters';
import { createCommandHandler, type CommandInput } from '@ccpor/domain';
import { LA_SUPERIOR_COURT, sampleOrderDetails, startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import { randomIds, systemClock } from '../store/system-ports';
import { ccpor } from '../__tests__/run-ccpor';

// `ccpor carpos reconcile` on the embedded store against the DOJ simulator over TCP, then the
// report commands (ADR 0013).

const COURT = LA_SUPERIOR_COURT.ori;
let dir: string;
let simulator: DojSimulator;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccpor-reconcile-cli-'));
  simulator = await startDojSimulator();
  Object.assign(process.env, { CCPOR_STORE: dir, CCPOR_LOG_LEVEL: 'silent', CCPOR_CLETS_HOST: simulator.host, CCPOR_CLETS_PORT: String(simulator.port), CCPOR_CARPOS_RECONCILE_RATE: '50' });
  // The court keys its orders at a CLETS terminal (it is not registered for the gateway): one order in the registry…
  const eventStore = await PgliteEventStore.open({ dataDir: dir });
  const commands = createCommandHandler({ eventStore, clock: systemClock, ids: randomIds });
  const added = await commands.handle({ type: 'AddOrder', orderId: randomIds.newId(), enteringAgencyOri: COURT, details: sampleOrderDetails() } as CommandInput, {
    actor: { userId: 'clerk', agencyOri: COURT, roles: ['court-clerk'], kind: 'user' },
  });
  expect(E.isRight(added)).toBe(true);
  await eventStore.close();
  // …and at DOJ: that order with another expiry, and one the registry never had.
  const base = { NAM: 'RIVERA,DANIEL JAMES', SEX: 'M', RAC: 'H', DOB: '19880714', HGT: '510', WGT: '185', HAI: 'BLK', CTI: COURT, ISD: '20260302', PPN: 'RIVERA,ANA' };
  const seeded = simulator.seed([
    { enteringOri: 'CA0194200', fields: { ...base, OCA: '26FL001234', PNO: '26FL001234', EXP: '20300101' } },
    { enteringOri: 'CA0194200', fields: { ...base, OCA: '26FL009999', PNO: '26FL009999', EXP: '20300101' } },
  ]);
  expect(E.isRight(seeded)).toBe(true);
}, 60_000);
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
  process.env = saved;
});

describe('ccpor carpos reconcile', () => {
  it('reconciles a court over the CLETS link with a progress bar, then lists the run and prints its report and CSV', async () => {
    const run = await ccpor('carpos', 'reconcile', '--court', COURT);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/reconciliation 1 \[/);
    expect(run.stdout).toContain('Reconciliation 1 (court CA019015J) completed: 2 DOJ records read in 1 pages, 2 differences.');
    expect(run.stdout).toContain(`${COURT}\t0\t1\t0\t1`);

    const runs = JSON.parse((await ccpor('carpos', 'reconciliations', '--json')).stdout) as { id: string; trigger: string; requestedBy: { userId: string } }[];
    expect(runs).toEqual([expect.objectContaining({ id: '1', trigger: 'command-line', requestedBy: expect.objectContaining({ userId: expect.stringMatching(/^cli:/) }) })]);

    const report = JSON.parse((await ccpor('carpos', 'report', '1', '--json')).stdout) as { entries: { kind: string; fields: { field: string; doj: string }[] }[] };
    expect(report.entries.map((d) => d.kind).sort()).toEqual(['different', 'only-at-doj']);
    expect(report.entries.find((d) => d.kind === 'different')?.fields).toEqual([expect.objectContaining({ field: 'EXP', doj: '20300101' })]);
    const csv = await ccpor('carpos', 'report', '1', '--csv', '--kind', 'only-at-doj');
    expect(csv.stdout.trimEnd().split('\r\n')).toEqual([expect.stringMatching(/^court_ori,kind,/), expect.stringMatching(/^CA019015J,only-at-doj,,\d{13},H\d{9},26FL009999,/)]);

    const reopened = await PgliteEventStore.open({ dataDir: dir });
    try {
      const audited = (await reopened.readAll({ maxCount: 10_000 })).filter((e) => e.type === 'CletsDataAccessed').map((e) => (e.data as { action: string; runId?: string }).action);
      expect(audited).toEqual(['carpos.reconciliation.start', 'carpos.reconciliation.view', 'carpos.reconciliation.export']);
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it('refuses to run without a CLETS link, and a resume of a run that is not running', async () => {
    expect((await ccpor('carpos', 'reconcile', '--resume', '1')).stderr).toContain('reconciliation 1 is not running');
    delete process.env.CCPOR_CLETS_HOST;
    const r = await ccpor('carpos', 'reconcile');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CCPOR_CLETS_HOST is not set');
  }, 60_000);
});
