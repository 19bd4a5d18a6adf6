import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics; one registry per app so tests and several apps in one process do not collide. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'ccpor_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'ccpor_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly accessDecisions = new Counter({ name: 'ccpor_access_decisions_total', help: 'Authorization decisions', labelNames: ['action', 'allowed'], registers: [this.registry] });
  readonly projectionLag = new Gauge({ name: 'ccpor_projection_lag_events', help: 'Events in the log after the search views\' checkpoint (counted up to 10,000)', registers: [this.registry] });
  readonly projectionLagSeconds = new Gauge({
    name: 'ccpor_projection_lag_seconds',
    help: 'Age of the oldest event not yet applied to the search views (0 when caught up)',
    registers: [this.registry],
  });
  readonly projectionEvents = new Gauge({ name: 'ccpor_projection_events_applied', help: 'Events applied to the search views by this process since start', registers: [this.registry] });

  constructor(defaults = false) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }
}
