import pino from 'pino';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { testConfig } from '../__tests__/harness';
import { seedDemo } from '../demo/seed-demo';
import { startServer, type RunningServer } from '../server/start-server';

let simulator: DojSimulator;
let running: RunningServer | undefined;

beforeAll(async () => {
  simulator = await startDojSimulator();
});
afterAll(async () => {
  await running?.shutdown();
  await simulator.close();
});

describe('serve with CCPOR_CLETS_HOST set', () => {
  it('runs the gateway: demo orders reach DOJ, /metrics shows the link, shutdown stops it before the store closes', async () => {
    const config = testConfig({ CCPOR_PORT: '0', CCPOR_CLETS_HOST: '127.0.0.1', CCPOR_CLETS_PORT: String(simulator.port) });
    running = await startServer(config, { eventStore: new InMemoryEventStore(), logger: pino({ level: 'silent' }) });
    expect(running.services.carpos).toBeDefined();
    const seeded = await seedDemo(running.services, 6);
    expect(seeded.added).toBe(6);
    // The demo agencies submit through the registry.
    await simulator.waitFor(() => simulator.records.size === 6, 15_000);
    const deadline = Date.now() + 15_000;
    while (running.services.carpos!.status().responses.answers < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(running.services.carpos!.status()).toMatchObject({ connected: true, responses: { answers: 6, duplicates: 0 } });

    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/^ccpor_carpos_link_up 1$/m);
    expect(metrics).toMatch(/^ccpor_carpos_overdue_orders 0$/m);

    const stopping = running;
    running = undefined;
    // Shutdown hands the gateway's job over (ADR 0061): the services no longer name it, and it is stopped.
    const gateway = stopping.services.carpos!;
    await stopping.shutdown();
    expect(stopping.services.carpos).toBeUndefined();
    expect(gateway.status().connected).toBe(false);
  }, 120_000);
});
