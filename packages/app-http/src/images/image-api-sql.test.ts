import { PgliteEventStore, pgliteViewExtensions, SqlImageStore } from '@ccpor/adapters';
import { sampleOrderInput, sampleTiff } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';

/**
 * Upload and ranged download on the SQL image store (what PostgreSQL deployments get), here in
 * the embedded database beside the log: ranges that cross the store's 256 KiB chunks come back
 * byte for byte.
 */
let h: Harness;
let clerk: Client;
beforeAll(async () => {
  const events = await PgliteEventStore.open({ extensions: pgliteViewExtensions });
  const images = await SqlImageStore.open({ db: events.sqlHome.db, schema: events.sqlHome.schema });
  h = await startHarness({ store: events, sqlHome: events.sqlHome, imageStore: images });
  clerk = await h.user('court-clerk');
}, 60_000);
afterAll(() => h.close());

const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

describe('images on the SQL store over HTTP', () => {
  it('stores a 3-page TIFF of about 1 MiB and serves ranges across chunk boundaries', async () => {
    const order = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput() }).expect(201);
    const id = order.body.orderId as string;
    const tiff = Buffer.from(sampleTiff(3, 'sql', { width: 1728, height: 1600 }));
    expect(tiff.length).toBeGreaterThan(600 * 1024);
    const up = await clerk.agent.post(`/api/v1/orders/${id}/images/upload`).set('X-CSRF-Token', clerk.csrf).attach('file', tiff, 'order.tif').expect(201);
    expect(up.body.image).toMatchObject({ mediaType: 'image/tiff', pages: 3, bytes: tiff.length });
    const url = `/api/v1/orders/${id}/images/${up.body.image.sha256}`;
    const whole = await clerk.agent.get(url).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(whole.body as Buffer, tiff)).toBe(0);
    const chunk = 256 * 1024;
    const start = chunk - 100;
    const end = 2 * chunk + 99;
    const part = await clerk.agent.get(url).set('Range', `bytes=${start}-${end}`).buffer(true).parse(binary).expect(206);
    expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${tiff.length}`);
    expect(Buffer.compare(part.body as Buffer, tiff.subarray(start, end + 1))).toBe(0);
  }, 60_000);
});
