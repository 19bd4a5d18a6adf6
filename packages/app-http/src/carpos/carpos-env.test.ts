import * as E from 'fp-ts/Either';
import { decodeConfig } from '../config/config';

const decode = (env: Record<string, string>) => decodeConfig({ CCPOR_STORE: 'memory', ...env });

describe('CLETS link configuration', () => {
  it('runs no gateway without CCPOR_CLETS_HOST', () => {
    const c = decode({});
    expect(E.isRight(c) && c.right.carpos).toBeUndefined();
  });

  it('reads host, port, TLS files and timings', () => {
    const c = decode({
      CCPOR_CLETS_HOST: 'clets.doj.example',
      CCPOR_CLETS_PORT: '7001',
      CCPOR_CLETS_TLS_CA: '/etc/ccpor/doj-ca.pem',
      CCPOR_CLETS_TLS_CERT: '/etc/ccpor/client.pem',
      CCPOR_CLETS_TLS_KEY: '/etc/ccpor/client.key',
      CCPOR_CLETS_HEARTBEAT_MS: '15000',
      CCPOR_CLETS_RECONNECT_MAX_MS: '60000',
      CCPOR_CLETS_MAX_QUEUED_FRAMES: '64',
      CCPOR_CARPOS_RESPONSE_TIMEOUT_MS: '20000',
    });
    expect(E.isRight(c) && c.right.carpos).toEqual({
      host: 'clets.doj.example',
      port: 7001,
      tls: { caFile: '/etc/ccpor/doj-ca.pem', certFile: '/etc/ccpor/client.pem', keyFile: '/etc/ccpor/client.key' },
      heartbeatIntervalMs: 15000,
      reconnect: { initialMs: 250, maxMs: 60000 },
      maxQueuedFrames: 64,
      responseTimeoutMs: 20000,
    });
  });

  it('reads the query timeout and the reconciliation’s rate, page size and daily time', () => {
    const c = decode({
      CCPOR_CLETS_HOST: 'clets',
      CCPOR_CLETS_PORT: '7001',
      CCPOR_CARPOS_QUERY_TIMEOUT_MS: '4000',
      CCPOR_CARPOS_RECONCILE_RATE: '5',
      CCPOR_CARPOS_RECONCILE_PAGE_SIZE: '250',
      CCPOR_CARPOS_RECONCILE_AT: '02:30',
    });
    expect(E.isRight(c) && c.right.carpos).toEqual({ host: 'clets', port: 7001, queryTimeoutMs: 4000, reconciliation: { ratePerSecond: 5, pageSize: 250, dailyAt: '02:30' } });
  });

  it.each([
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CARPOS_RECONCILE_AT: '2:30am' }, 'CCPOR_CARPOS_RECONCILE_AT'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CARPOS_RECONCILE_AT: '24:00' }, 'CCPOR_CARPOS_RECONCILE_AT'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CARPOS_RECONCILE_PAGE_SIZE: '1000' }, 'CCPOR_CARPOS_RECONCILE_PAGE_SIZE'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CARPOS_RECONCILE_RATE: '0' }, 'CCPOR_CARPOS_RECONCILE_RATE'],
  ])('refuses a bad reconciliation setting %j, naming %s', (env, field) => {
    const c = decode(env);
    expect(E.isLeft(c) && JSON.stringify(c.left)).toContain(field);
  });

  it.each([
    [{ CCPOR_CLETS_HOST: 'clets' }, 'CCPOR_CLETS_PORT'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '70000' }, 'CCPOR_CLETS_PORT'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CLETS_TLS_CERT: '/c.pem' }, 'CCPOR_CLETS_TLS_KEY'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CLETS_HEARTBEAT_MS: 'soon' }, 'CCPOR_CLETS_HEARTBEAT_MS'],
    [{ CCPOR_CLETS_HOST: 'clets', CCPOR_CLETS_PORT: '7001', CCPOR_CLETS_RECONNECT_MIN_MS: '5000', CCPOR_CLETS_RECONNECT_MAX_MS: '1000' }, 'CCPOR_CLETS_RECONNECT_MAX_MS'],
  ])('refuses %j, naming %s', (env, variable) => {
    const c = decode(env);
    expect(E.isLeft(c) && c.left.message).toContain(variable);
  });
});
