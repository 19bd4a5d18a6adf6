import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as E from 'fp-ts/Either';
import { decodeConfig, ENV_DOCS, EnvCodec } from './config';

describe('configuration', () => {
  it('defaults to the embedded store in ./.ccpor-data on 127.0.0.1:8080', () => {
    const c = decodeConfig({});
    expect(E.isRight(c) && c.right).toMatchObject({ store: { kind: 'pglite', dataDir: './.ccpor-data' }, host: '127.0.0.1', port: 8080, tls: false });
  });

  it.each([
    ['memory', { kind: 'memory' }],
    ['postgres://u@h/db', { kind: 'postgres', url: 'postgres://u@h/db', schema: 'ccpor', poolSize: 20 }],
    ['esdb://127.0.0.1:2113?tls=false', { kind: 'esdb', connectionString: 'esdb://127.0.0.1:2113?tls=false' }],
    ['/var/lib/ccpor', { kind: 'pglite', dataDir: '/var/lib/ccpor' }],
  ])('CCPOR_STORE=%s picks %o', (raw, store) => {
    const c = decodeConfig({ CCPOR_STORE: raw });
    expect(E.isRight(c) && c.right.store).toEqual(store);
  });

  it('sizes the PostgreSQL pool from CCPOR_PG_POOL_SIZE and refuses a size out of range', () => {
    const c = decodeConfig({ CCPOR_STORE: 'postgres://u@h/db', CCPOR_PG_POOL_SIZE: '6' });
    expect(E.isRight(c) && c.right.store).toMatchObject({ kind: 'postgres', poolSize: 6 });
    const bad = decodeConfig({ CCPOR_STORE: 'postgres://u@h/db', CCPOR_PG_POOL_SIZE: '0' });
    expect(E.isLeft(bad) && bad.left.problems.map((p) => p.field)).toEqual(['CCPOR_PG_POOL_SIZE']);
  });

  it('reads the scan inbox serve watches, and refuses a drafts switch that is neither true nor false', () => {
    const c = decodeConfig({ CCPOR_SCAN_INBOX: '/srv/scans', CCPOR_SCAN_INDEX: `/srv/a.csv${delimiter}/srv/b.xml`, CCPOR_SCAN_DRAFTS: 'false' });
    expect(E.isRight(c) && c.right.scans).toEqual({ inbox: '/srv/scans', index: ['/srv/a.csv', '/srv/b.xml'], createDrafts: false });
    const none = decodeConfig({});
    expect(E.isRight(none) && none.right.scans).toBeUndefined();
    const bad = decodeConfig({ CCPOR_SCAN_INBOX: '/srv/scans', CCPOR_SCAN_DRAFTS: 'yes' });
    expect(E.isLeft(bad) && bad.left.problems.map((p) => p.field)).toEqual(['CCPOR_SCAN_DRAFTS']);
  });

  it('reads the trusted proxies and the request timeouts (ADR 0037), and refuses what is not an address', () => {
    const c = decodeConfig({ CCPOR_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,::1', CCPOR_BODY_TIMEOUT_MS: '5000', CCPOR_REQUEST_TIMEOUT_MS: '15000' });
    expect(E.isRight(c) && c.right.transport).toEqual({ trustedProxies: ['loopback', '10.0.0.0/8', '::1'], bodyTimeoutMs: 5000, requestTimeoutMs: 15000, headersTimeoutMs: 15000 });
    const defaults = decodeConfig({});
    expect(E.isRight(defaults) && defaults.right.transport).toEqual({ trustedProxies: [], bodyTimeoutMs: 10000, requestTimeoutMs: 120000, headersTimeoutMs: 20000 });
    for (const bad of ['proxy.example.org', '10.0.0.0/33', '1.2.3.4/8/9']) {
      const r = decodeConfig({ CCPOR_TRUSTED_PROXIES: bad });
      expect(E.isLeft(r) && r.left.problems.map((p) => p.field)).toEqual(['CCPOR_TRUSTED_PROXIES']);
    }
  });

  it('names every bad variable and never echoes a secret', () => {
    const c = decodeConfig({ CCPOR_PORT: 'eighty', CCPOR_LOG_LEVEL: 'loud', CCPOR_SESSION_SECRET: 'short-secret-value' });
    expect(E.isLeft(c)).toBe(true);
    if (E.isRight(c)) return;
    const fields = c.left.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['CCPOR_PORT', 'CCPOR_LOG_LEVEL', 'CCPOR_SESSION_SECRET']));
    expect(c.left.message).not.toContain('short-secret-value');
    expect(c.left.message).toContain('eighty');
  });

  it('documents every variable it reads', () => expect(Object.keys(ENV_DOCS).sort()).toEqual(Object.keys(EnvCodec.props).sort()));
});

describe('the root README', () => {
  it('documents every environment variable in its configuration table', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    for (const name of Object.keys(ENV_DOCS)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
