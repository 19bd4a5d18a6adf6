import { startHarness, type Harness } from '../__tests__/harness';
import { buildProgram } from '../cli/program';
import { openApiDocumentWithoutStore } from './document-without-store';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the OpenAPI document without a store (ccpor openapi)', () => {
  it('is the document a running registry serves, byte for byte', async () => {
    const served = await h.admin.agent.get('/api/v1/openapi.json').expect(200);
    expect(JSON.stringify(openApiDocumentWithoutStore())).toBe(JSON.stringify(served.body));
  });

  it('is printed by `ccpor openapi` as JSON', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await buildProgram().parseAsync(['node', 'ccpor', 'openapi']);
    } finally {
      spy.mockRestore();
    }
    const doc = JSON.parse(written.join('')) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/orders/{orderId}');
  });
});
