import { startHarness, type Harness } from '../__tests__/harness';
import { openApiPath } from './openapi-document';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  name: string;
  handle: { stack?: Layer[] };
}

/** Every method+path express actually routes under /api/v1, read from the router's stack. */
const registeredRoutes = (): string[] => {
  const router = (h.app as unknown as { router: { stack: Layer[] } }).router;
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${prefix}${layer.route.path}`);
      else if (layer.name === 'router' && layer.handle.stack) walk(layer.handle.stack, prefix);
    }
  };
  const api = router.stack.find((l) => l.name === 'router');
  if (api?.handle.stack) walk(api.handle.stack, '/api/v1');
  return out.filter((r) => !r.endsWith('/openapi.json')).map((r) => r.replace(/ (.*)$/, (_m, p: string) => ` ${openApiPath(p)}`)).sort();
};

describe('the OpenAPI document', () => {
  it('is served as OpenAPI 3.1 without signing in', async () => {
    const r = await h.admin.agent.get('/api/v1/openapi.json').expect(200);
    expect(r.body.openapi).toBe('3.1.0');
  });

  it('lists exactly the routes express registers under /api/v1', async () => {
    const doc = (await h.admin.agent.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .sort();
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(25);
    expect(documented).toEqual(routes);
  });

  it('describes request bodies from the io-ts codecs', async () => {
    const doc = (await h.admin.agent.get('/api/v1/openapi.json')).body;
    const cancel = doc.paths['/api/v1/orders/{orderId}/cancellation'].post;
    const schema = cancel.requestBody.content['application/json'].schema;
    expect(schema.properties.reason.enum).toEqual(expect.arrayContaining(['terminated-by-court', 'entered-in-error']));
    expect(schema.required).toContain('reason');
    expect(cancel.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['orderId', 'If-Match', 'Idempotency-Key', 'wait']));
  });

  it('Swagger UI is served at /docs', async () => {
    const r = await h.admin.agent.get('/docs/').expect(200);
    expect(r.text).toContain('swagger-ui');
    const init = await h.admin.agent.get('/docs/swagger-initializer.js').expect(200);
    expect(init.text).toContain('/api/v1/openapi.json');
  });
});
