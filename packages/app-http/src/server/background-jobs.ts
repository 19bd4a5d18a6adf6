import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LeaderJob } from '@ccpor/adapters';
import { CarposService } from '../carpos/carpos-service';
import { registeredCourts } from '../carpos/registered-courts';
import type { AppServices } from '../composition/services';
import { DEFAULT_SCALE } from '../config/scale-env';
import { startScanInbox } from '../scans/scan-inbox';

/** The services whose optional parts come and go with leadership (the routes read them per request). */
export type LiveServices = { -readonly [K in keyof AppServices]: AppServices[K] };

/** Names of the background jobs, as /readyz lists them. */
export const JOBS = {
  search: 'search-projector',
  carpos: 'carpos-gateway',
  scans: 'scan-inbox',
  integrations: 'integrations-outbox',
  notifications: 'notifications-outbox',
  housekeeping: 'housekeeping',
} as const;

/** How often the leader of `housekeeping` deletes shared state that ran out. */
const HOUSEKEEPING_MS = 10 * 60_000;

const startCarpos = async (s: LiveServices): Promise<CarposService> => {
  const config = s.config.carpos!;
  const carpos = await CarposService.start({
    config,
    eventStore: s.store,
    sqlHome: s.sqlHome,
    memoryStore: s.config.store.kind === 'memory',
    commands: s.commands,
    clock: s.clock,
    agency: (ori) => s.identity.view.agencies.get(ori),
    logger: s.logger,
    metrics: s.metrics,
    // A state reconciliation also lists registered courts that have no order in the registry yet.
    courts: () => registeredCourts(s.identity.view.agencies.values()),
  });
  s.logger.info({ host: config.host, port: config.port, tls: config.tls !== undefined }, 'CARPOS gateway started');
  return carpos;
};

/** A scan inbox that is not a folder stops the start in every process, not only in the one that leads it. */
export const checkScanInbox = async (s: Pick<AppServices, 'config'>): Promise<void> => {
  if (s.config.scans === undefined) return;
  const inbox = resolve(s.config.scans.inbox);
  if (!(await stat(inbox).catch(() => undefined))?.isDirectory()) throw new Error(`CCPOR_SCAN_INBOX: ${inbox} is not a folder`);
};

/**
 * Every background job `serve` runs, each started by the process that leads it and stopped when
 * it no longer does (ADR 0061). The CARPOS gateway holds the one CLETS link, so it runs whole in
 * its leader (elsewhere its routes answer 503 with the gateway off); the outboxes' services stay
 * up everywhere and only their loops move.
 */
export const backgroundJobs = (s: LiveServices): LeaderJob[] => {
  const jobs: LeaderJob[] = [
    {
      name: JOBS.search,
      start: async () => {
        await s.search.lead();
        return { stop: () => s.search.stopLeading() };
      },
    },
  ];
  if (s.config.carpos !== undefined)
    jobs.push({
      name: JOBS.carpos,
      start: async () => {
        const carpos = await startCarpos(s);
        s.carpos = carpos;
        return {
          stop: async () => {
            if (s.carpos === carpos) delete s.carpos;
            await carpos.stop();
          },
        };
      },
    });
  if (s.config.scans !== undefined) {
    const scans = s.config.scans;
    jobs.push({ name: JOBS.scans, start: () => startScanInbox(s, scans) });
  }
  if (s.integrations !== undefined) {
    const integrations = s.integrations;
    jobs.push({
      name: JOBS.integrations,
      start: async () => {
        integrations.lead();
        return { stop: () => integrations.follow() };
      },
    });
  }
  if (s.notifications !== undefined) {
    const notifications = s.notifications;
    jobs.push({
      name: JOBS.notifications,
      start: async () => {
        notifications.lead();
        return { stop: () => notifications.follow() };
      },
    });
  }
  jobs.push({
    name: JOBS.housekeeping,
    start: async () => {
      const retentionMs = (s.config.scale ?? DEFAULT_SCALE).idempotencyRetentionMs;
      let round: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        round = s.sharedState.purge(Date.parse(s.clock.now()), retentionMs).catch((err: unknown) => s.logger.error({ err }, 'shared state purge failed; retrying'));
      }, HOUSEKEEPING_MS);
      timer.unref();
      return {
        stop: async () => {
          clearInterval(timer);
          await round;
        },
      };
    },
  });
  return jobs;
};
