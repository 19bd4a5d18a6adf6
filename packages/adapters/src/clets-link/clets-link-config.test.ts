import { describe, expect, it } from '@jest/globals';
import { cletsLinkConfigFromEnv, defaultCletsLinkConfig } from './clets-link-config';
import { backoffDelay } from './exponential-backoff';

describe('CLETS link configuration from the environment', () => {
  it('needs a host and a port, and fills in the defaults', () => {
    expect(cletsLinkConfigFromEnv({ CCPOR_CLETS_HOST: 'clets.example', CCPOR_CLETS_PORT: '7001' })).toEqual({ host: 'clets.example', port: 7001, ...defaultCletsLinkConfig });
    expect(() => cletsLinkConfigFromEnv({ CCPOR_CLETS_PORT: '7001' })).toThrow(/CCPOR_CLETS_HOST/);
    expect(() => cletsLinkConfigFromEnv({ CCPOR_CLETS_HOST: 'h', CCPOR_CLETS_PORT: '70000' })).toThrow(/CCPOR_CLETS_PORT/);
  });

  it('turns TLS on with any TLS file, and wants the certificate and key together', () => {
    const config = cletsLinkConfigFromEnv({ CCPOR_CLETS_HOST: 'h', CCPOR_CLETS_PORT: '1', CCPOR_CLETS_TLS_CA: '/etc/ca.pem', CCPOR_CLETS_HEARTBEAT_MS: '5000' });
    expect(config.tls).toEqual({ caFile: '/etc/ca.pem' });
    expect(config.heartbeatIntervalMs).toBe(5_000);
    expect(() => cletsLinkConfigFromEnv({ CCPOR_CLETS_HOST: 'h', CCPOR_CLETS_PORT: '1', CCPOR_CLETS_TLS_CERT: '/c.pem' })).toThrow(/go together/);
    expect(() => cletsLinkConfigFromEnv({ CCPOR_CLETS_HOST: 'h', CCPOR_CLETS_PORT: '1', CCPOR_CLETS_SEND_TIMEOUT_MS: '-3' })).toThrow(/positive whole number/);
  });
});

describe('exponential backoff with jitter', () => {
  const policy = { initialMs: 100, maxMs: 1_000 };
  it('doubles from the initial wait up to the cap, never below half of it', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(policy, n, () => 1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
  it('spreads retries that failed together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay(policy, 3)));
    expect(waits.size).toBeGreaterThan(10);
    for (const w of waits) expect(w >= 200 && w <= 400).toBe(true);
  });
});
