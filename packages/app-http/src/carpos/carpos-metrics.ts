import { overdueGauge, queueCounts, type CarposStore } from '@ccpor/adapters';
import { Gauge } from 'prom-client';
import type { Metrics } from '../ops/metrics';

const NAMES = ['ccpor_carpos_overdue_orders', 'ccpor_carpos_queue_rows', 'ccpor_carpos_link_up'] as const;

/**
 * The gateway's gauges on the registry's /metrics, read from the tables at scrape time (so they
 * are right whichever process changed the tables). Returns the unregister function.
 */
export const registerCarposMetrics = (metrics: Metrics, store: CarposStore, linkUp: () => boolean, now: () => Date): (() => void) => {
  const registers = [metrics.registry];
  new Gauge({
    name: 'ccpor_carpos_overdue_orders',
    help: 'Orders whose CARPOS entry is past its one-business-day deadline (Fam. Code 6380) and not acknowledged by DOJ',
    registers,
    async collect() {
      this.set(await overdueGauge(store, now()));
    },
  });
  new Gauge({
    name: 'ccpor_carpos_queue_rows',
    help: 'CARPOS outbox rows by queue (correction: orders whose last DOJ answer was a reject)',
    labelNames: ['queue'],
    registers,
    async collect() {
      const c = await queueCounts(store);
      this.set({ queue: 'pending' }, c.pending);
      this.set({ queue: 'in-flight' }, c.inFlight);
      this.set({ queue: 'awaiting-data' }, c.awaitingData);
      this.set({ queue: 'dead-letter' }, c.dead);
      this.set({ queue: 'correction' }, c.rejected);
    },
  });
  new Gauge({
    name: 'ccpor_carpos_link_up',
    help: '1 while the CLETS link is connected',
    registers,
    collect() {
      this.set(linkUp() ? 1 : 0);
    },
  });
  return () => {
    for (const name of NAMES) metrics.registry.removeSingleMetric(name);
  };
};
