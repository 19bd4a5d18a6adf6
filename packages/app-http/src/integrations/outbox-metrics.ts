import type { DeliveryOutbox, OutboxWorkerStats } from '@ccpor/adapters';
import { Gauge, type Registry } from 'prom-client';
import type { Metrics } from '../ops/metrics';

interface Source {
  readonly outbox: DeliveryOutbox;
  readonly stats: () => OutboxWorkerStats;
}

const NAMES = ['ccpor_outbox_rows', 'ccpor_outbox_deliveries'] as const;
const sourcesByRegistry = new WeakMap<Registry, Map<string, Source>>();

/**
 * Gauges for every delivery outbox (webhook, mail) on /metrics, labelled by channel: open rows
 * by state, read from the tables at scrape time, and this process's settled attempts by outcome.
 * Returns the unregister function.
 */
export const registerOutboxMetrics = (metrics: Metrics, outbox: DeliveryOutbox, stats: () => OutboxWorkerStats): (() => void) => {
  const registry = metrics.registry;
  let sources = sourcesByRegistry.get(registry);
  if (sources === undefined) {
    const all = new Map<string, Source>();
    sources = all;
    sourcesByRegistry.set(registry, all);
    new Gauge({
      name: 'ccpor_outbox_rows',
      help: 'Open rows of each delivery outbox by state (pending, in-flight, dead-letter)',
      labelNames: ['channel', 'state'],
      registers: [registry],
      async collect() {
        for (const [channel, s] of all) {
          const c = await s.outbox.counts();
          this.set({ channel, state: 'pending' }, c.pending);
          this.set({ channel, state: 'in-flight' }, c.inFlight);
          this.set({ channel, state: 'dead-letter' }, c.dead);
        }
      },
    });
    new Gauge({
      name: 'ccpor_outbox_deliveries',
      help: 'Attempts this process settled since it started, by channel and outcome (delivered, failed, dead-lettered, withheld)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
      collect() {
        for (const [channel, s] of all) {
          const st = s.stats();
          this.set({ channel, outcome: 'delivered' }, st.delivered);
          this.set({ channel, outcome: 'failed' }, st.failedAttempts);
          this.set({ channel, outcome: 'dead-lettered' }, st.deadLettered);
          this.set({ channel, outcome: 'withheld' }, st.withheld);
        }
      },
    });
  }
  sources.set(outbox.channel, { outbox, stats });
  return () => {
    const s = sourcesByRegistry.get(registry);
    s?.delete(outbox.channel);
    if (s !== undefined && s.size === 0) {
      for (const name of NAMES) registry.removeSingleMetric(name);
      sourcesByRegistry.delete(registry);
    }
  };
};
