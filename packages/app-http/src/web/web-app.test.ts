import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startHarness, type Harness } from '../__tests__/harness';

const dir = mkdtempSync(path.join(tmpdir(), 'ccpor-web-'));
const INDEX = '<!doctype html><html lang="en"><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>';
let h: Harness;
let without: Harness;
beforeAll(async () => {
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'app-1a2b.js'), 'console.log("app");\n');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  [h, without] = await Promise.all([startHarness({ config: { CCPOR_WEB_DIR: dir } }), startHarness({ config: { CCPOR_WEB_DIR: path.join(dir, 'not-built') } })]);
}, 90_000);
afterAll(async () => {
  await h?.close();
  await without?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web application served at /', () => {
  it.each(['/', '/search?lastName=Rivera&dobYears=2', '/orders/0b6c2a4e-5a57-4d2e-9a53-0c6a4b3c2d1e', '/sign-in?redirect=%2Fsearch'])(
    'answers %s with the application page, never cached, under a CSP without inline scripts',
    async (url) => {
      const r = await request(h.app).get(url).expect(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.text).toBe(INDEX);
      expect(r.headers['cache-control']).toBe('no-cache');
      const csp = r.headers['content-security-policy'] as string;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain("'unsafe-inline' 'self'");
      expect(csp).toContain("object-src 'none'");
    },
  );

  it('serves hashed assets for a year and answers 404 for an asset that is not there', async () => {
    const r = await request(h.app).get('/assets/app-1a2b.js').expect(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toContain('immutable');
    await request(h.app).get('/assets/app-gone.js').expect(404);
    await request(h.app).get('/favicon.svg').expect(200);
    await request(h.app).get('/missing.png').expect(404);
  });

  it('leaves the API, its documentation and the operations routes as they were', async () => {
    const api = await request(h.app).get('/api/v1/no-such-route').expect(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    await request(h.app).get('/api/v1/session').expect(401);
    const docs = await request(h.app).get('/docs/').expect(200);
    expect(docs.text).toContain('swagger');
    await request(h.app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('points / at the API documentation when the application is not built', async () => {
    await request(without.app).get('/').expect(302).expect('Location', '/docs/');
  });
});
