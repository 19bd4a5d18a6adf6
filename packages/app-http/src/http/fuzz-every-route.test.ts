import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeWith, OrderDetails, type ImageRef, type OrderId, type Ori } from '@ccpor/domain';
import { sampleOrderInput, samplePdf } from '@ccpor/test-kit';
import { COURT, startHarness, type Client, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { UPLOAD_EXTRA } from '../images/image-provenance';
import type { Method } from './api-router';

/**
 * Issue 12: every route that takes a body gets nested, huge, malformed and arbitrary ones, and
 * never answers 5xx. The routes come from the router's own operation list (what the OpenAPI
 * document is built from), so a route added tomorrow is fuzzed tomorrow without touching this.
 */
let h: Harness;
let admin: Client;
let sessionUser: Client;
const params: Record<string, string> = {};

const BODY_METHODS: readonly Method[] = ['post', 'put', 'patch', 'delete'];

beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_IMAGE_MAX_BYTES: '65536' } });
  admin = h.admin;
  sessionUser = await h.user('court-clerk');
  // Real values for every path parameter, so requests reach their handlers.
  const details = decodeWith(OrderDetails)(sampleOrderInput());
  if (E.isLeft(details)) throw new Error('fixture');
  const orderId = '5a1c7a52-8d4e-4b6a-9c1d-00000000f022' as OrderId;
  const actor = { userId: 'fuzz', agencyOri: COURT, roles: ['supervisor'], kind: 'user' as const };
  await h.services.commands.handle({ type: 'AddOrder', orderId, enteringAgencyOri: COURT as Ori, details: details.right, source: { kind: 'registry' } }, { actor });
  const stored = await h.services.images.put(
    (async function* () {
      yield samplePdf(1, 'fuzz');
    })(),
  );
  if (E.isLeft(stored)) throw new Error('image');
  await h.services.commands.handle({ type: 'AttachImage', orderId, image: { ...stored.right, kind: 'order' } as ImageRef }, { actor, extra: UPLOAD_EXTRA });
  await h.services.identity.createUser({ username: 'fuzz.target', displayName: 'Target', agencyOri: COURT, roles: ['court-clerk'], cletsCertified: false }, SYSTEM_ACTOR);
  const key = await h.services.identity.issueApiKey({ agencyOri: COURT, label: 'fuzz', roles: ['court-clerk'] }, SYSTEM_ACTOR);
  Object.assign(params, { orderId, sha256: stored.right.sha256, username: 'fuzz.target', ori: COURT, keyId: key.key.keyId, id: '1' });
}, 60_000);
afterAll(() => h.close());

/** Every operation that reads a request body, with its path filled in. */
const routes = () =>
  h.operations
    .filter((op) => BODY_METHODS.includes(op.method))
    .map((op) => ({ method: op.method, path: `/api/v1${op.path.replace(/:([A-Za-z0-9]+)/g, (_m, name: string) => params[name] ?? 'x')}`, name: `${op.method.toUpperCase()} ${op.path}` }));

const send = (method: Method, path: string, body: string, contentType = 'application/json') => {
  // The session routes sign the caller out or change their password: a caller of their own.
  const c = path.startsWith('/api/v1/session') ? sessionUser : admin;
  return c.agent[method](path).set('X-CSRF-Token', c.csrf).set('Content-Type', contentType).send(body);
};

/**
 * The integration feed and e-mail run only in `serve` with their configuration; in this harness
 * their routes answer 503 with a problem naming the feature that is off. That is an answer, not a
 * crash; their own suites (integrations/, notifications/) send them bodies with the features on.
 */
const FEATURE_OFF = new Set(['INTEGRATIONS_OFF', 'NOTIFICATIONS_OFF']);

const expectNoServerError = (r: { status: number; body: { code?: unknown; detail?: unknown } }, what: string) => {
  if (r.status === 503 && typeof r.body.code === 'string' && FEATURE_OFF.has(r.body.code)) return;
  if (r.status >= 500) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  if (r.status >= 400 && r.status !== 401) expect(typeof r.body.code).toBe('string');
};

const HOSTILE: readonly [string, string, string?][] = [
  ['5,000 nested arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['5,000 nested objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
  ['nesting deep inside a valid field', `{"details":{"court":${'['.repeat(3000)}${']'.repeat(3000)}}}`],
  ['a body over the limit', JSON.stringify({ details: { terms: 'x'.repeat(300 * 1024) } })],
  ['a long array under the limit', JSON.stringify({ roles: Array.from({ length: 20_000 }, () => 'court-clerk') })],
  ['truncated JSON', '{"details": {"caseNumber": "26FL'],
  ['not JSON', "<xml>hello</xml>"],
  ['a prototype key', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'],
  ['a number no one can hold', '{"bytes":1e400,"pages":-0,"reason":9007199254740993}'],
  ['lone surrogates and NULs', '{"reason":"\\ud800\\u0000","note":"\\udfff"}'],
  ['JSON sent as text', '{"reason":"x"}', 'text/plain'],
  ['JSON with a charset nobody reads', '{"reason":"x"}', 'application/json; charset=utf-7'],
];

describe('every route that takes a body', () => {
  it('has been found in the router (the list is not empty, and includes the body routes we know of)', () => {
    const names = routes().map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['POST /orders', 'PATCH /agencies/:ori', 'PATCH /users/:username/roles', 'POST /orders/:orderId/images/upload', 'POST /session']));
  });

  it('answers nested, huge and malformed bodies with a 4xx problem, never a 5xx', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      for (const [what, body, type] of HOSTILE) {
        const r = await send(route.method, route.path, body, type);
        try {
          expectNoServerError(r, `${route.name} with ${what}`);
          if (what.includes('nested') || what.includes('over the limit') || what.startsWith('truncated') || what === 'not JSON') expect(r.status).toBeGreaterThanOrEqual(400);
        } catch (e) {
          failures.push(String(e instanceof Error ? e.message : e));
        }
      }
    }
    expect(failures).toEqual([]);
    await admin.agent.get('/healthz').expect(200);
  }, 120_000);

  it('answers arbitrary JSON with anything but a 5xx (fast-check)', async () => {
    const all = routes();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue({ maxDepth: 6 }), async (i, value) => {
        const route = all[i]!;
        const r = await send(route.method, route.path, JSON.stringify(value) ?? 'null');
        expectNoServerError(r, `${route.name} with ${JSON.stringify(value)?.slice(0, 200)}`);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
