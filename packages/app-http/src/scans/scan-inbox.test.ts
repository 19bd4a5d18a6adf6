import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { samplePdf } from '@ccpor/test-kit';
import { testConfig } from '../__tests__/harness';
import { startServer } from '../server/start-server';

/**
 * `serve` with CCPOR_SCAN_INBOX watches the inbox itself, on the embedded store too (where no
 * second process may open the data directory): a released scan becomes an order image in the
 * log, acted by the scanning station, and leaves the inbox for the archive.
 */
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'ccpor-scan-inbox-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const eventually = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

it('imports a scan released into the inbox while the registry runs on the embedded store', async () => {
  const inbox = join(work, 'inbox');
  await mkdir(inbox);
  const running = await startServer(testConfig({ CCPOR_STORE: join(work, 'data'), CCPOR_SCAN_INBOX: inbox, CCPOR_PORT: '0' }), { logger: pino({ level: 'silent' }) });
  try {
    const name = 'CA019015J_26FL777777_DV110_20260302.pdf';
    await writeFile(join(inbox, name), samplePdf(1, 'released while serving'));
    await eventually(async () => ((await readdir(join(work, 'inbox-archive')).catch((): string[] => [])).includes(name) ? true : undefined), 'the scan in the archive');
    expect(await readdir(inbox)).toEqual([]);
    const events = await running.services.store.readAll({ maxCount: 10_000 });
    const byScanner = events.filter((e) => e.streamId.startsWith('order-') && e.metadata.actor.userId === 'system:scan-inbox');
    expect(byScanner.map((e) => e.type)).toEqual(expect.arrayContaining(['DraftCreated']));
    const order = await running.services.commands.load(byScanner[0]!.streamId.slice('order-'.length));
    expect(order._tag === 'Right' && order.right.state.status === 'draft' && order.right.state.images.map((i) => [i.mediaType, i.fileName])).toEqual([['application/pdf', name]]);
  } finally {
    await running.shutdown();
  }
}, 60_000);

it('refuses to start when the inbox is not a folder', async () => {
  const config = testConfig({ CCPOR_STORE: join(work, 'data'), CCPOR_SCAN_INBOX: join(work, 'no-such-inbox'), CCPOR_PORT: '0' });
  await expect(startServer(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/CCPOR_SCAN_INBOX: .*no-such-inbox is not a folder/);
  // The store was released: the data directory opens again.
  const again = await startServer(testConfig({ CCPOR_STORE: join(work, 'data'), CCPOR_PORT: '0' }), { logger: pino({ level: 'silent' }) });
  await again.shutdown();
}, 60_000);
