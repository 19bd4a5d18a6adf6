import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { PgliteEventStore } from '@ccpor/adapters';
import { createCommandHandler, type OrderState } from '@ccpor/domain';
import { sampleOrderDetails, samplePdf, sampleTiff } from '@ccpor/test-kit';
import { randomIds, systemClock } from '../store/system-ports';
import { ccpor } from '../__tests__/run-ccpor';


/** Opens the embedded store between CLI runs (one process at a time per directory). */
const withStore = async <T>(fn: (s: PgliteEventStore) => Promise<T>): Promise<T> => {
  const store = await PgliteEventStore.open({ dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};

const stateOf = (orderId: string) =>
  withStore(async (store) => {
    const loaded = await createCommandHandler({ eventStore: store, clock: systemClock, ids: randomIds }).load(orderId);
    if (E.isLeft(loaded)) throw new Error('unreadable stream');
    return loaded.right.state as OrderState;
  });

let work: string;
let dataDir: string;
const saved = { store: process.env.CCPOR_STORE, level: process.env.CCPOR_LOG_LEVEL };
const ORDER_ID = '7d0e3c1a-5b2f-4c8d-9e6a-1f2b3c4d5e6f';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ccpor-import-cli-'));
  dataDir = join(work, 'data');
  process.env.CCPOR_STORE = dataDir;
  process.env.CCPOR_LOG_LEVEL = 'silent';
  // An order keyed before the scans arrive: the batch's first file belongs to it.
  await withStore(async (store) => {
    const added = await createCommandHandler({ eventStore: store, clock: systemClock, ids: randomIds }).handle(
      { type: 'AddOrder', orderId: ORDER_ID, enteringAgencyOri: 'CA019015J', details: sampleOrderDetails({ caseNumber: '26FL001234' }), source: { kind: 'registry' } } as never,
      { actor: { userId: 'clerk', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' } },
    );
    if (E.isLeft(added)) throw new Error(JSON.stringify(added.left));
  });
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  process.env.CCPOR_STORE = saved.store;
  process.env.CCPOR_LOG_LEVEL = saved.level;
});

describe('ccpor import scans', () => {
  it('attaches, drafts and quarantines a batch with a progress bar and a report; a re-run is idempotent; a file dropped again is a duplicate', async () => {
    const inbox = join(work, 'inbox');
    await mkdir(inbox);
    await writeFile(join(inbox, 'CA019015J_26FL001234_DV130_20260302.pdf'), samplePdf(2, 'matched'));
    await writeFile(join(inbox, 'CA019015J_26FL777777_DV110_20260302.pdf'), samplePdf(1, 'draft'));
    await writeFile(join(inbox, 'scan0001.tif'), sampleTiff(3, 'indexed'));
    await writeFile(join(inbox, 'CA019015J_26FL888888_DV130_20260302.pdf'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500)]));
    await writeFile(join(inbox, 'IMG_4411.pdf'), samplePdf(1, 'nameless'));
    const index = join(work, 'batch42.csv');
    await writeFile(index, 'File Name,Case Number,Form Number,Court ORI\nC:\\Scans\\B42\\scan0001.tif,26FL001234,CH-130,CA019015J\n');

    const first = await ccpor('import', 'scans', inbox, '--index', index);
    expect(first.stdout).toContain('5 files');
    expect(first.stdout).toContain('1 attached to their orders, 2 new drafts for data entry, 2 quarantined');
    expect(first.stdout).toMatch(/invalid\s+CA019015J_26FL888888_DV130_20260302\.pdf: .*image\/jpeg/);
    expect(first.stdout).toMatch(/unmatched\s+IMG_4411\.pdf/);
    expect(first.stderr).toContain('importing scans');
    expect(first.code).toBe(2);

    expect(await readdir(inbox)).toEqual([]);
    expect((await readdir(join(work, 'inbox-archive'))).sort()).toEqual(['CA019015J_26FL001234_DV130_20260302.pdf', 'CA019015J_26FL777777_DV110_20260302.pdf', 'scan0001.tif']);
    const quarantined = (await readdir(join(work, 'inbox-quarantine'))).filter((f) => !f.startsWith('.')).sort();
    expect(quarantined).toEqual(['CA019015J_26FL888888_DV130_20260302.pdf', 'CA019015J_26FL888888_DV130_20260302.pdf.reason.json', 'IMG_4411.pdf', 'IMG_4411.pdf.reason.json']);
    const reason = JSON.parse(await readFile(join(work, 'inbox-quarantine', 'IMG_4411.pdf.reason.json'), 'utf8'));
    expect(reason.code).toBe('unmatched');

    const order = await stateOf(ORDER_ID);
    expect(order.status === 'issued' && order.images.map((i) => [i.mediaType, i.pages, i.fileName])).toEqual([['application/pdf', 2, 'CA019015J_26FL001234_DV130_20260302.pdf']]);
    // The bytes are in the filesystem store under the data directory.
    const sha = order.status === 'issued' ? order.images[0]!.sha256 : '';
    await expect(readFile(join(dataDir, 'images', sha.slice(0, 2), sha.slice(2, 4), sha))).resolves.toBeInstanceOf(Buffer);

    const again = await ccpor('import', 'scans', inbox, '--index', index);
    expect(again.stdout).toContain('0 files');
    expect(again.code).toBe(0);

    await copyFile(join(work, 'inbox-archive', 'CA019015J_26FL001234_DV130_20260302.pdf'), join(inbox, 'CA019015J_26FL001234_DV130_20260302.pdf'));
    const dropped = await ccpor('import', 'scans', inbox, '--index', index, '--json');
    const summary = JSON.parse(dropped.stdout);
    expect(summary.quarantined.duplicate).toBe(1);
    expect(summary.attached).toBe(0);
    const after = await stateOf(ORDER_ID);
    expect(after.status === 'issued' ? after.images : []).toHaveLength(1);
  }, 120_000);

  it('follows another naming convention, quarantines instead of drafting with --no-drafts, and deletes imported files with --no-archive', async () => {
    const inbox = join(work, 'inbox2');
    await mkdir(inbox);
    await writeFile(join(inbox, 'batch7_26FL001234-DV130.pdf'), samplePdf(1, 'convention'));
    await writeFile(join(inbox, 'batch7_26FL999999-DV130.pdf'), samplePdf(1, 'no-order'));
    const r = await ccpor('import', 'scans', inbox, '--convention', 'batch<any>_<caseNumber>-<formNumber>.<ext>', '--no-drafts', '--no-archive', '--quarantine', join(work, 'q2'));
    expect(r.stdout).toContain('1 attached to their orders, 0 new drafts for data entry, 1 quarantined');
    expect(r.stdout).toContain('not-creatable');
    expect(await readdir(inbox)).toEqual([]);
    await expect(readdir(join(work, 'inbox2-archive'))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('refuses a convention without a case number, naming the problem', async () => {
    const r = await ccpor('import', 'scans', join(work, 'inbox'), '--convention', '<formNumber>.pdf');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ccpor: .*caseNumber/);
  }, 60_000);

  it('--watch imports files as they become stable, until stopped', async () => {
    const inbox = join(work, 'inbox3');
    await mkdir(inbox);
    const running = ccpor('import', 'scans', inbox, '--watch', '--stable-ms', '200');
    await new Promise((r) => setTimeout(r, 1500));
    await writeFile(join(inbox, 'CA019015J_26FL001234_CH130_20260302.pdf'), samplePdf(1, 'watched'));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await readdir(inbox)).length > 0) await new Promise((r) => setTimeout(r, 200));
    process.emit('SIGINT');
    const r = await running;
    expect(r.stdout).toContain('Watching');
    expect(r.stdout).toMatch(/attached CA019015J_26FL001234_CH130_20260302\.pdf → order|new draft CA019015J_26FL001234_CH130_20260302\.pdf/);
    expect(r.stdout).toContain('Stopped watching.');
  }, 60_000);
});

const MAPPING = {
  sourceSystem: 'CLI-TEST',
  columns: {
    sourceRecordId: 'REC_ID',
    form: 'FORM',
    caseNumber: 'CASE_NO',
    issuedDate: 'ISSUED',
    expirationDate: 'EXPIRES',
    restrainedLast: 'R_LAST',
    restrainedFirst: 'R_FIRST',
    restrainedDob: 'R_DOB',
    restrainedSex: 'R_SEX',
    restrainedRace: 'R_RACE',
    protectedLast: 'P_LAST',
    protectedFirst: 'P_FIRST',
    servedDate: 'SERVED',
  },
  defaults: { courtOri: 'CA019015J', courtCounty: '19', courtName: 'Superior Court of California, County of Los Angeles' },
  codes: { form: { '30': 'DV-130' } },
  dateFormat: 'MM/DD/YYYY',
};

describe('ccpor import history', () => {
  it('imports with a rate in the progress bar, writes rejects with row and column, and a second run imports nothing twice', async () => {
    const csv = join(work, 'legacy.csv');
    const mapping = join(work, 'mapping.json');
    await writeFile(mapping, JSON.stringify(MAPPING));
    const rows = ['REC_ID,FORM,CASE_NO,ISSUED,EXPIRES,R_LAST,R_FIRST,R_DOB,R_SEX,R_RACE,P_LAST,P_FIRST,SERVED'];
    for (let i = 1; i <= 40; i++) rows.push(`H${i},30,19FL${String(i).padStart(6, '0')},03/0${1 + (i % 9)}/2019,03/01/2022,GARCIA,ANA,01/15/1980,F,H,SMITH,JAMES,${i % 4 === 0 ? '03/20/2019' : ''}`);
    rows.push('H41,30,19FL000041,02/30/2019,03/01/2022,GARCIA,ANA,01/15/1980,F,H,SMITH,JAMES,');
    rows.push('H42,30,19FL000042,03/01/2019,03/01/2022,,ANA,01/15/1980,F,H,SMITH,JAMES,');
    await writeFile(csv, `${rows.join('\n')}\n`);

    const first = await ccpor('import', 'history', csv, '--mapping', mapping, '--checkpoint-every', '16', '--concurrency', '8');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Done: 42 rows read in [\d.]+ s, \d+ rows\/s\./);
    expect(first.stdout).toContain('imported 40, already imported 0, rejected 2, partial 0');
    expect(first.stderr).toMatch(/importing history .*rows\/s/);
    const rejects = (await readFile(`${csv}.rejects.jsonl`, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects).toEqual([
      expect.objectContaining({ row: 41, line: 42, sourceRecordId: 'H41', column: 'ISSUED', code: 'INVALID_DATE' }),
      expect.objectContaining({ row: 42, line: 43, sourceRecordId: 'H42', column: 'R_LAST' }),
    ]);

    // Without the checkpoint every row is looked at again, found, and skipped; the rejects are not doubled.
    await rm(`${csv}.checkpoint.json`);
    const second = await ccpor('import', 'history', csv, '--mapping', mapping, '--json');
    const summary = JSON.parse(second.stdout);
    expect(summary).toMatchObject({ imported: 0, alreadyImported: 40, rejected: 2 });
    expect((await readFile(`${csv}.rejects.jsonl`, 'utf8')).trim().split('\n')).toHaveLength(2);
    const served = await stateOf((await withStore(async (s) => (await s.readAll({ maxCount: 5000 })).find((e) => e.type === 'ServiceRecorded')!.streamId)).replace(/^order-/, ''));
    expect(served.status === 'issued' && served.source).toMatchObject({ kind: 'historical-import', sourceSystem: 'CLI-TEST' });
  }, 120_000);

  it('names a broken mapping file', async () => {
    const bad = join(work, 'bad-mapping.json');
    await writeFile(bad, '{"sourceSystem": 3}');
    const r = await ccpor('import', 'history', join(work, 'legacy.csv'), '--mapping', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mapping ${bad}`);
  }, 60_000);
});
