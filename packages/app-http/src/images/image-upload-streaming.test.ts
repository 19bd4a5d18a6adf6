import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemImageStore } from '@ccpor/adapters';
import type { ImageStore } from '@ccpor/domain';
import { sampleOrderInput, samplePdf } from '@ccpor/test-kit';
import { startHarness, type Client, type Harness } from '../__tests__/harness';

/** An image store that notes each chunk the HTTP layer hands it, then stores as usual. */
class RecordingStore implements ImageStore {
  readonly chunks: number[] = [];
  private firstChunk!: () => void;
  readonly sawFirstChunk = new Promise<void>((r) => (this.firstChunk = r));

  constructor(private readonly inner: ImageStore) {}

  put(content: AsyncIterable<Uint8Array>) {
    const chunks = this.chunks;
    const first = () => this.firstChunk();
    async function* recorded() {
      for await (const c of content) {
        chunks.push(c.length);
        first();
        yield c;
      }
    }
    return this.inner.put(recorded());
  }
  stat(sha256: string) {
    return this.inner.stat(sha256);
  }
  read(...args: Parameters<ImageStore['read']>) {
    return this.inner.read(...args);
  }
}

let h: Harness;
let clerk: Client;
let store: RecordingStore;
let root: string;
let server: Server;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ccpor-upload-stream-'));
  store = new RecordingStore(await FilesystemImageStore.open({ root, limitBytes: 16 * 1024 * 1024 }));
  h = await startHarness({ imageStore: store, config: { CCPOR_IMAGE_MAX_BYTES: String(16 * 1024 * 1024) } });
  clerk = await h.user('court-clerk');
  server = h.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
  await rm(root, { recursive: true, force: true });
});

describe('image upload streaming', () => {
  it('hands the image store the first chunk while the client is still sending, and never the whole file at once', async () => {
    const order = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput() }).expect(201);
    const cookie = (await clerk.agent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })).map((c) => `${c.name}=${c.value}`).join('; ');
    const boundary = 'ccpor-test-boundary';
    const size = 8 * 1024 * 1024;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/orders/${order.body.orderId}/images/upload`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Cookie: cookie, 'X-CSRF-Token': clerk.csrf },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    req.write(head);
    req.write(Buffer.alloc(size / 2, 0x20));
    // Half the file is sent and the request is still open: the store must already be reading it.
    await store.sawFirstChunk;
    expect(store.chunks.length).toBeGreaterThan(0);
    req.write(Buffer.alloc(size / 2, 0x20));
    req.end(tail);
    const r = await answer;
    // No %%EOF: the content is refused once it has all arrived, which is beside the point here.
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body).code).toBe('IMAGE_UNREADABLE');
    expect(store.chunks.reduce((a, b) => a + b, 0)).toBe(size + '%PDF-1.7\n'.length);
    expect(Math.max(...store.chunks)).toBeLessThanOrEqual(1024 * 1024);
  }, 60_000);

  it('lets go of the temporary file and the upload slot when the client hangs up mid-upload', async () => {
    const order = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput() }).expect(201);
    const cookie = (await clerk.agent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })).map((c) => `${c.name}=${c.value}`).join('; ');
    const { port } = server.address() as AddressInfo;
    const before = store.chunks.length;
    // More hang-ups than there are upload slots (4): a leaked slot would make the last upload a 503.
    for (let i = 0; i < 6; i++) {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/orders/${order.body.orderId}/images/upload`,
        headers: { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': String(4 * 1024 * 1024), Cookie: cookie, 'X-CSRF-Token': clerk.csrf },
      });
      req.on('error', () => undefined);
      req.write(`--b\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\n\r\n%PDF-1.7\n`);
      req.write(Buffer.alloc(256 * 1024, 0x20));
      const seen = store.chunks.length;
      const deadline = Date.now() + 10_000;
      while (store.chunks.length === seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      req.destroy();
    }
    expect(store.chunks.length).toBeGreaterThan(before);
    const deadline = Date.now() + 10_000;
    while ((await readdir(join(root, 'tmp'))).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    const ok = await clerk.agent
      .post(`/api/v1/orders/${order.body.orderId}/images/upload`)
      .set('X-CSRF-Token', clerk.csrf)
      .attach('file', Buffer.from(samplePdf(1, 'after-hang-ups')), 'ok.pdf');
    expect(ok.status).toBe(201);
  }, 60_000);
});
