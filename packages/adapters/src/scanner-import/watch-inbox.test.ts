import { appendFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createCommandHandler, type Actor } from '@ccpor/domain';
import { FixedClock, samplePdf, SequentialIds } from '@ccpor/test-kit';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { FilesystemImageStore } from '../images/filesystem-image-store';
import { eventStoreLookup } from './__tests__/event-store-lookup';
import type { ScanFileResult } from './scan-outcome';
import { watchInbox } from './watch-inbox';

const actor: Actor = { userId: 'scan-clerk', agencyOri: 'CA019015J', roles: ['clerk'], kind: 'user' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('watchInbox', () => {
  it('waits until a file stops growing, then imports it; waits for the index before calling a file unmatched', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ccpor-watch-'));
    roots.push(root);
    const inbox = join(root, 'inbox');
    await mkdir(inbox);
    const eventStore = new InMemoryEventStore();
    const handler = createCommandHandler({ eventStore, clock: new FixedClock('2026-03-10T17:00:00Z'), ids: new SequentialIds() });
    const results: ScanFileResult[] = [];
    const controller = new AbortController();
    const index = join(root, 'index.csv');
    await writeFile(index, 'file,caseNumber,formNumber\n');
    const watching = watchInbox({
      inbox,
      quarantine: join(root, 'quarantine'),
      archive: join(root, 'archive'),
      index,
      handler,
      imageStore: await FilesystemImageStore.open({ root: join(root, 'images') }),
      findOrderByCaseAndForm: eventStoreLookup(eventStore),
      actor,
      stableMs: 400,
      pollMs: 50,
      unmatchedAfterMs: 60_000,
      signal: controller.signal,
      onFile: (r) => results.push(r),
    });
    // The scanner writes the PDF in pieces over about a second: a half-written PDF has no
    // %%EOF and would be quarantined as unreadable if it were taken early.
    const pdf = samplePdf(4, 'slow scanner');
    const name = 'CA019015J_26FL004242_DV-110_20260302.pdf';
    const pieces = 8;
    const step = Math.ceil(pdf.length / pieces);
    for (let i = 0; i < pieces; i++) {
      await appendFile(join(inbox, name), pdf.subarray(i * step, (i + 1) * step));
      await sleep(120);
    }
    // A file only the (not yet written) index describes.
    await writeFile(join(inbox, 'scan0001.pdf'), samplePdf(1, 'index comes later'));
    for (let i = 0; i < 60 && results.length < 1; i++) await sleep(100);
    await sleep(600);
    expect(results.map((r) => [r.fileName, r.outcome.kind])).toEqual([[name, 'draft-created']]);
    expect(await readdir(inbox)).toEqual(['scan0001.pdf']);
    await writeFile(index, 'file,caseNumber,formNumber\nscan0001.pdf,26FL004242,DV-110\n');
    for (let i = 0; i < 60 && results.length < 2; i++) await sleep(100);
    controller.abort();
    await watching;
    expect(results.map((r) => [r.fileName, r.outcome.kind])).toEqual([
      [name, 'draft-created'],
      ['scan0001.pdf', 'attached'],
    ]);
    expect(results[0]!.outcome).toMatchObject({ orderId: (results[1]!.outcome as { orderId: string }).orderId });
  });
});
