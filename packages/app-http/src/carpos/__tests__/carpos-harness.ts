import type { Express } from 'express';
import { startDojSimulator, type DojSimulator, type DojSimulatorOptions } from '@ccpor/test-kit';
import { startHarness, type Harness } from '../../__tests__/harness';
import { createApp } from '../../http/app';
import { CarposService, type CarposServiceDeps } from '../carpos-service';
import { registeredCourts } from '../registered-courts';

export interface CarposHarness {
  readonly simulator: DojSimulator;
  readonly h: Harness;
  readonly carpos: CarposService;
  /** The registry's app with the gateway in its services, as `serve` composes it. */
  readonly app: Express;
  close(): Promise<void>;
}

/** The registry (memory store) with a CARPOS gateway linked to test-kit's DOJ simulator. */
export const startCarposHarness = async (
  gateway: Pick<CarposServiceDeps, 'dispatch' | 'pollIntervalMs' | 'queries'>,
  simulatorOptions: DojSimulatorOptions = {},
  config: Record<string, string> = {},
): Promise<CarposHarness> => {
  const simulator = await startDojSimulator(simulatorOptions);
  const h = await startHarness({ config: { CCPOR_CLETS_HOST: '127.0.0.1', CCPOR_CLETS_PORT: String(simulator.port), ...config } });
  const carpos = await CarposService.start({
    config: h.services.config.carpos!,
    eventStore: h.services.store,
    sqlHome: h.services.sqlHome,
    memoryStore: true,
    commands: h.services.commands,
    clock: h.clock,
    agency: (ori) => h.services.identity.view.agencies.get(ori),
    logger: h.services.logger,
    metrics: h.services.metrics,
    courts: () => registeredCourts(h.services.identity.view.agencies.values()),
    ...gateway,
  });
  return {
    simulator,
    h,
    carpos,
    app: createApp({ ...h.services, carpos }).app,
    close: async () => {
      await carpos.stop();
      await simulator.close();
      await h.close();
    },
  };
};
