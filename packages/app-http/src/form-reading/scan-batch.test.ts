import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importScans, PdfPool, type ScanFileResult } from '@ccpor/adapters';
import { LA_SUPERIOR_COURT, sampleOrderDetails } from '@ccpor/test-kit';
import { COURT, startHarness, type Client, type Harness } from '../__tests__/harness';
import { courtProfiles, SCAN_INBOX_ACTOR } from '../scans/scan-inbox';
import { viewOrderLookup } from '../scans/order-lookup';
import { scannedForm } from './__tests__/scanned-forms';

/**
 * A 20-page scan batch (ten two-page DV-130s) read by the scan import while the registry serves
 * requests: the drafts arrive pre-filled, progress is reported page by page, requests made while
 * a page is being read are answered before that page is done (OCR runs off the request thread),
 * and a reading asked for over HTTP while the batch holds the OCR queue is answered "busy".
 * One OCR engine and a 2-page queue, at 150 dpi, so the batch's pages are read one after another.
 */
let h: Harness;
let clerk: Client;
let pool: PdfPool;
let dir: string;
beforeAll(async () => {
  h = await startHarness({ config: { CCPOR_FORM_OCR_WORKERS: '1', CCPOR_FORM_OCR_QUEUE_PAGES: '2' } });
  clerk = await h.user('court-clerk');
  pool = new PdfPool(1);
  dir = await mkdtemp(join(tmpdir(), 'ccpor-scan-batch-'));
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const PEOPLE = [
  ['NGUYEN', 'THANH'],
  ['GARCIA', 'LUIS'],
  ['SMITH', 'JOHN'],
  ['PATEL', 'RAVI'],
  ['JOHNSON', 'MARK'],
  ['LOPEZ', 'CARLOS'],
  ['KIM', 'DAVID'],
  ['BROWN', 'JAMES'],
  ['DAVIS', 'KEVIN'],
  ['WILSON', 'ERIC'],
] as const;

it('reads a 20-page scan batch into pre-filled drafts, with progress, without blocking other requests, and answers busy meanwhile', async () => {
  const inbox = join(dir, 'inbox');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(inbox);
  for (const [i, [last, first]] of PEOPLE.entries()) {
    const details = sampleOrderDetails({ caseNumber: `26FL00${1000 + i}`, restrainedPerson: { name: { last, first }, dateOfBirth: `198${i}-0${(i % 9) + 1}-1${i}`, sex: 'M' } });
    await writeFile(join(inbox, `${COURT}_26FL00${1000 + i}_DV-130_20260302.tif`), await scannedForm(pool, 'DV-130', details, { dpi: 150, seed: i + 1 }));
  }
  // A draft of the clerk's own, with a scan, to ask for a reading while the batch runs.
  const created = await clerk.agent.post('/api/v1/orders/drafts').set('X-CSRF-Token', clerk.csrf).send({ details: { court: LA_SUPERIOR_COURT } }).expect(201);
  const ownDraft = created.body.orderId as string;
  const ownScan = await scannedForm(pool, 'DV-130', sampleOrderDetails(), { dpi: 150, seed: 99 });
  await clerk.agent.post(`/api/v1/orders/${ownDraft}/images/upload`).set('X-CSRF-Token', clerk.csrf).attach('file', Buffer.from(ownScan), { filename: 'own.tif', contentType: 'image/tiff' }).expect(201);

  const pagesRead: string[] = [];
  const filesDone: number[] = [];
  const checks: Promise<{ answeredBeforeNextPage: boolean; status: number }>[] = [];
  let busy: Promise<{ status: number; code: string; retryAfter: string | undefined }> | undefined;
  const summary = await importScans({
    inbox,
    quarantine: join(dir, 'quarantine'),
    archive: join(dir, 'archive'),
    convention: '<courtORI>_<caseNumber>_<formNumber>_<yyyymmdd>.<ext>',
    handler: h.services.commands,
    imageStore: h.services.images,
    findOrderByCaseAndForm: viewOrderLookup(h.services.search.views),
    actor: SCAN_INBOX_ACTOR,
    courtFor: courtProfiles(h.services),
    formReader: h.services.formReading,
    progress: (p) => filesDone.push(p.done),
    onReading: (p) => {
      pagesRead.push(`${p.fileName.split('_')[1]}:${p.pagesDone}/${p.pages}`);
      if (p.pagesDone !== 1) return;
      // The file's second page is being read now: other requests must still be answered at once.
      const mark = pagesRead.length;
      checks.push(
        clerk.agent
          .get(`/api/v1/orders/${ownDraft}`)
          .then((r) => ({ answeredBeforeNextPage: pagesRead.length === mark, status: r.status })),
      );
      busy ??= clerk.agent
        .post(`/api/v1/orders/${ownDraft}/form-reading`)
        .set('X-CSRF-Token', clerk.csrf)
        .send({})
        .then((r) => ({ status: r.status, code: r.body.code as string, retryAfter: r.headers['retry-after'] as string | undefined }));
    },
  });

  expect(pagesRead).toHaveLength(20);
  expect(pagesRead.filter((p) => p.endsWith('2/2'))).toHaveLength(10);
  expect(filesDone).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(await Promise.all(checks)).toEqual(Array.from({ length: 10 }, () => ({ answeredBeforeNextPage: true, status: 200 })));
  expect(await busy).toEqual({ status: 503, code: 'FORM_READER_BUSY', retryAfter: expect.stringMatching(/^\d+$/) });

  expect(summary).toMatchObject({ total: 10, draftsCreated: 10, quarantinedFiles: [] });
  expect(summary.draftsPrefilled).toBe(10);
  // Each draft holds its own person, read from its scan, waiting for the clerk.
  for (const r of summary.results as ScanFileResult[]) {
    if (r.outcome.kind !== 'draft-created') throw new Error(`unexpected outcome ${r.outcome.kind}`);
    const i = Number(r.fileName.split('_')[1]!.slice(-1));
    const loaded = await h.services.commands.load(r.outcome.orderId);
    if (loaded._tag === 'Left' || loaded.right.state.status !== 'draft') throw new Error('draft expected');
    const draft = loaded.right.state;
    expect(draft.reading?.form).toBe('DV-130');
    expect(draft.details.caseNumber).toBe(`26FL00${1000 + i}`);
    const name = draft.reading?.fields.find((f) => f.field === 'restrainedPerson.name');
    expect(name?.read).toContain(PEOPLE[i]![0]);
  }
}, 240_000);
