import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { samplePdf } from '@ccpor/test-kit';
import { testConfig } from '../__tests__/harness';
import { startServer } from './start-server';

/**
 * A start that cannot listen says why and leaves nothing running behind it: the scan inbox it
 * had started watching is let go, so a scan released afterwards stays where the scanner put it.
 */
it('refuses a port in use and stops what it had started', async () => {
  const work = await mkdtemp(join(tmpdir(), 'ccpor-start-'));
  const inbox = join(work, 'inbox');
  await mkdir(inbox);
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = String((taken.address() as { port: number }).port);
  try {
    const config = testConfig({ CCPOR_STORE: join(work, 'data'), CCPOR_PORT: port, CCPOR_SCAN_INBOX: inbox });
    await expect(startServer(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/EADDRINUSE/);
    const name = 'CA019015J_26FL777778_DV110_20260302.pdf';
    await writeFile(join(inbox, name), samplePdf(1, 'after a failed start'));
    // Longer than the watcher's 2 s settle time and its 1 s poll: a live watcher would have taken it.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await readdir(inbox)).toEqual([name]);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
    await rm(work, { recursive: true, force: true });
  }
}, 60_000);
