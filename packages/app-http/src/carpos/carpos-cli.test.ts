import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import pino from 'pino';
import { deadLetterQueue, PgliteEventStore } from '@ccpor/adapters';
import { createCommandHandler, type CommandInput } from '@ccpor/domain';
import { LA_SUPERIOR_COURT, sampleOrderDetails, startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import type { Agency } from '../identity/identity-view';
import { randomIds, systemClock } from '../store/system-ports';
import { CarposService } from './carpos-service';
import { ccpor } from '../__tests__/run-ccpor';

const COURT: Agency = { ori: LA_SUPERIOR_COURT.ori, name: LA_SUPERIOR_COURT.name, kind: 'superior-court', county: '19', carpos: { enabled: true }, version: 1 };


let dir: string;
let simulator: DojSimulator;
const saved = { store: process.env.CCPOR_STORE, level: process.env.CCPOR_LOG_LEVEL };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccpor-carpos-cli-'));
  process.env.CCPOR_STORE = dir;
  process.env.CCPOR_LOG_LEVEL = 'silent';
  simulator = await startDojSimulator({ faults: { drop: { probability: 1 } } });
});
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
  process.env.CCPOR_STORE = saved.store;
  process.env.CCPOR_LOG_LEVEL = saved.level;
});

describe('ccpor carpos on the embedded store', () => {
  it('lists a dead letter, retries it (recorded in the access audit) and shows it pending again', async () => {
    // A registry whose gateway never hears back from DOJ: the enter is dead-lettered after two attempts.
    const eventStore = await PgliteEventStore.open({ dataDir: dir });
    const commands = createCommandHandler({ eventStore, clock: systemClock, ids: randomIds });
    const carpos = await CarposService.start({
      config: { host: simulator.host, port: simulator.port },
      eventStore,
      sqlHome: eventStore.sqlHome,
      memoryStore: false,
      commands,
      clock: systemClock,
      agency: (ori) => (ori === COURT.ori ? COURT : undefined),
      logger: pino({ level: 'silent' }),
      dispatch: { responseTimeoutMs: 100, maxAttempts: 2, retry: { initialMs: 10, maxMs: 20 } },
      pollIntervalMs: 25,
    });
    const orderId = randomIds.newId();
    const added = await commands.handle({ type: 'AddOrder', orderId, enteringAgencyOri: COURT.ori, details: sampleOrderDetails() } as CommandInput, {
      actor: { userId: 'clerk', agencyOri: COURT.ori, roles: ['court-clerk'], kind: 'user' },
    });
    expect(E.isRight(added)).toBe(true);
    const deadline = Date.now() + 15_000;
    while ((await deadLetterQueue(carpos.store)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await carpos.stop();
    await eventStore.close();

    const dead = await ccpor('carpos', 'dead-letter', '--json');
    expect(dead.code).toBe(0);
    const [entry] = JSON.parse(dead.stdout) as { id: string; orderId: string; attempts: number; status: string }[];
    expect(entry).toMatchObject({ orderId, attempts: 2, status: 'dead' });

    const retried = await ccpor('carpos', 'retry', entry!.id);
    expect(retried).toMatchObject({ code: 0, stdout: `Message ${entry!.id} (enter of order ${orderId}) is queued again.\n` });
    const again = await ccpor('carpos', 'retry', entry!.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not dead-lettered');

    const pending = JSON.parse((await ccpor('carpos', 'pending', '--json')).stdout) as { id: string; status: string; attempts: number }[];
    expect(pending).toEqual([expect.objectContaining({ id: entry!.id, status: 'pending', attempts: 0 })]);
    expect((await ccpor('carpos', 'dead-letter')).stdout).toBe('(none)\n');

    const reopened = await PgliteEventStore.open({ dataDir: dir });
    try {
      const audit = (await reopened.readAll({ maxCount: 10_000 })).filter((e) => e.type === 'AccessDecisionsRecorded');
      const decisions = audit.flatMap((e) => (e.data as { decisions: { action: string; orderId?: string; route: string }[] }).decisions);
      expect(decisions.filter((d) => d.action === 'doj.queue.manage')).toEqual([
        expect.objectContaining({ orderId, route: `ccpor carpos retry ${entry!.id}` }),
        expect.objectContaining({ orderId, route: `ccpor carpos retry ${entry!.id}` }),
      ]);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
