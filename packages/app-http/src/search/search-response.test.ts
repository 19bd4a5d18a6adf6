import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import { sampleOrderInput } from '@ccpor/test-kit';
import { startHarness, type Harness } from '../__tests__/harness';
import { toJsonSchema } from '../openapi/io-ts-schema';
import { SearchResponseCodec } from './search-response';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the search answer and its codec', () => {
  it('decodes a real answer, with a next-page cursor, and is what the OpenAPI document describes', async () => {
    const clerk = await h.user('court-clerk');
    for (const caseNumber of ['26FL555001', '26FL555002'])
      await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber }) }).expect(201);
    const r = await clerk.agent.get('/api/v1/search?lastName=Rivera&firstName=Daniel&limit=1').set('X-CCPOR-Wait-For', String(h.services.search.position ?? '')).expect(200);
    const decoded = SearchResponseCodec.decode(r.body);
    expect(E.isRight(decoded) ? [] : PathReporter.report(decoded)).toEqual([]);
    expect(r.body.hits).toHaveLength(1);
    expect(typeof r.body.nextCursor).toBe('string');
    const doc = (await h.admin.agent.get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.paths['/api/v1/search'].get.responses['200'].content['application/json'].schema).toEqual(toJsonSchema(SearchResponseCodec));
  });
});
