import pino from 'pino';
import request from 'supertest';
import { sampleOrderInput } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';

/** The projector as operations see it: /metrics and /readyz report the views' real lag and failures. */
let h: Harness;
let clerk: Client;
beforeAll(async () => {
  h = await startHarness({ logger: pino({ level: 'silent' }) });
  clerk = await h.user('court-clerk');
}, 60_000);
afterAll(() => h.close());

const metric = (text: string, name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

describe('projection lag and readiness', () => {
  it('reports zero lag when caught up, the events written while the projector is stopped, and zero again once it follows', async () => {
    await clerk.agent.post('/api/v1/orders?wait=true').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput() }).expect(201);
    await h.services.audit.flush();
    await h.services.search.waitFor((await h.services.store.headPosition())!, 5000);
    let m = await request(h.app).get('/metrics').expect(200);
    expect(metric(m.text, 'ccpor_projection_lag_events')).toBe(0);
    expect(metric(m.text, 'ccpor_projection_lag_seconds')).toBe(0);
    expect(metric(m.text, 'ccpor_projection_events_applied')).toBeGreaterThan(0);

    await h.services.search.stop();
    const added = await clerk.agent.post('/api/v1/orders?wait=300').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ caseNumber: '26FL500001' }) }).expect(201);
    expect(added.headers['x-ccpor-search-caught-up']).toBe('false');
    await h.services.audit.flush();
    m = await request(h.app).get('/metrics').expect(200);
    // The order's event and the access-audit batch that recorded the request.
    expect(metric(m.text, 'ccpor_projection_lag_events')).toBeGreaterThanOrEqual(1);
    const ready = await request(h.app).get('/readyz').expect(200);
    expect(ready.body.lagEvents).toBe(metric(m.text, 'ccpor_projection_lag_events'));
    expect((await clerk.agent.get('/api/v1/search?caseNumber=26FL500001').expect(200)).body.hits).toEqual([]);

    await h.services.search.start();
    const found = await clerk.agent.get('/api/v1/search?caseNumber=26FL500001').set('X-CCPOR-Wait-For', added.headers['x-ccpor-position'] as string).expect(200);
    expect(found.body.count).toBe(1);
    await h.services.search.waitFor((await h.services.store.headPosition())!, 5000);
    m = await request(h.app).get('/metrics').expect(200);
    expect(metric(m.text, 'ccpor_projection_lag_events')).toBe(0);
  });

  it('/readyz answers 503 while the projector cannot write its views', async () => {
    const broken = await startHarness({ logger: pino({ level: 'silent' }) });
    try {
      await request(broken.app).get('/readyz').expect(200);
      // Take the views' database away under the running projector; the next write makes it fail.
      await broken.services.search.views.close();
      const c = await broken.user('court-clerk');
      await c.agent.post('/api/v1/orders').set('X-CSRF-Token', c.csrf).send({ details: sampleOrderInput() }).expect(201);
      const deadline = Date.now() + 5000;
      while (broken.services.search.failed === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const r = await request(broken.app).get('/readyz').expect(503);
      expect(r.body.status).toBe('not ready');
    } finally {
      await broken.services.search.stop();
      await broken.services.readModel.stop();
      await broken.services.store.close();
    }
  });
});
