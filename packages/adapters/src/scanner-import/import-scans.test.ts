import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/Either';
import { createCommandHandler, type Actor, type CommandHandler, type OrderState } from '@ccpor/domain';
import { chunked, FixedClock, LA_SUPERIOR_COURT, sampleOrderDetails, samplePdf, sampleTiff, SequentialIds } from '@ccpor/test-kit';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { FilesystemImageStore } from '../images/filesystem-image-store';
import { eventStoreLookup } from './__tests__/event-store-lookup';
import { importScans, type ImportScansOptions } from './import-scans';

const actor: Actor = { userId: 'scan-clerk', agencyOri: 'CA019015J', roles: ['clerk'], kind: 'user' };
const ORDER_ID = '3f1c7a52-8d4e-4b6a-9c1d-2e5f7a9b0c11';
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

const setup = async () => {
  const root = await mkdtemp(join(tmpdir(), 'ccpor-scans-'));
  roots.push(root);
  const dirs = { inbox: join(root, 'inbox'), quarantine: join(root, 'quarantine'), archive: join(root, 'archive') };
  await mkdir(dirs.inbox, { recursive: true });
  const eventStore = new InMemoryEventStore();
  const handler = createCommandHandler({ eventStore, clock: new FixedClock('2026-03-10T17:00:00Z'), ids: new SequentialIds() });
  const imageStore = await FilesystemImageStore.open({ root: join(root, 'images'), limitBytes: 300_000 });
  const base: ImportScansOptions = {
    ...dirs,
    handler,
    imageStore,
    findOrderByCaseAndForm: eventStoreLookup(eventStore),
    actor,
    courtFor: (ori) => (ori === LA_SUPERIOR_COURT.ori ? LA_SUPERIOR_COURT : undefined),
  };
  const drop = (name: string, bytes: Uint8Array | string) => writeFile(join(dirs.inbox, name), bytes);
  const run = (extra: Partial<ImportScansOptions> = {}) => importScans({ ...base, ...extra });
  const load = async (orderId: string): Promise<OrderState> => {
    const loaded = await handler.load(orderId);
    if (isLeft(loaded)) throw new Error('corrupt stream');
    return loaded.right.state;
  };
  const addSampleOrder = async () => {
    const added = await handler.handle({ type: 'AddOrder', orderId: ORDER_ID, enteringAgencyOri: 'CA019015J', details: sampleOrderDetails() } as never, { actor });
    if (isLeft(added)) throw new Error(JSON.stringify(added.left));
  };
  return { root, dirs, eventStore, handler, imageStore, drop, run, load, addSampleOrder };
};

const reasonOf = async (quarantine: string, name: string) => JSON.parse(await readFile(join(quarantine, `${name}.reason.json`), 'utf8')) as { code: string; message: string; file: string };

const imagesOf = (state: OrderState) => ('images' in state ? state.images : []);

describe('importScans', () => {
  it('attaches a scan to its order, creates drafts for the rest, archives every file and reports', async () => {
    const t = await setup();
    await t.addSampleOrder();
    await t.drop('CA019015J_26FL001234_DV-130_20260302.pdf', samplePdf(3, 'order'));
    await t.drop('CA019015J_26FL009999_CH-110_20260305.pdf', samplePdf(2, 'new'));
    const progress: string[] = [];
    const summary = await t.run({ progress: (p) => progress.push(`${p.done}/${p.total} ${p.outcome}`) });
    expect(summary).toMatchObject({ total: 2, attached: 1, draftsCreated: 1, resumed: 0, quarantinedFiles: [] });
    expect(progress).toEqual(['1/2 attached', '2/2 draft-created']);
    expect(imagesOf(await t.load(ORDER_ID))).toEqual([
      expect.objectContaining({ mediaType: 'application/pdf', pages: 3, kind: 'order', fileName: 'CA019015J_26FL001234_DV-130_20260302.pdf' }),
    ]);
    const draftId = summary.results[1]!.outcome.kind === 'draft-created' ? summary.results[1]!.outcome.orderId : '';
    const draft = await t.load(draftId);
    expect(draft).toMatchObject({ status: 'draft', enteringAgencyOri: 'CA019015J', details: { form: 'CH-110', caseNumber: '26FL009999', court: LA_SUPERIOR_COURT } });
    expect(imagesOf(draft)).toHaveLength(1);
    expect(await readdir(t.dirs.inbox)).toEqual([]);
    expect((await readdir(t.dirs.archive)).sort()).toEqual(['CA019015J_26FL001234_DV-130_20260302.pdf', 'CA019015J_26FL009999_CH-110_20260305.pdf']);
    const stored = imagesOf(draft)[0]!;
    expect(await t.imageStore.stat(stored.sha256)).toMatchObject({ pages: 2 });
  });

  it('matches by CSV and by XML index when names follow no convention, and deletes files without an archive', async () => {
    const t = await setup();
    await t.addSampleOrder();
    await t.drop('scan0001.pdf', samplePdf(1, 'csv'));
    await t.drop('scan0002.tif', sampleTiff(2, 'xml'));
    const csv = join(t.root, 'batch.csv');
    await writeFile(csv, 'file,caseNumber,formNumber,courtOri\nscan0001.pdf,26FL001234,DV-130,CA019015J\n');
    const xml = join(t.dirs.inbox, 'batch.xml');
    await writeFile(xml, '<Batch><Document file="scan0002.tif" caseNumber="26FL001234" formNumber="DV-130"/></Batch>');
    const summary = await t.run({ index: [csv, xml], archive: undefined });
    expect(summary).toMatchObject({ total: 2, attached: 2, draftsCreated: 0 });
    expect(imagesOf(await t.load(ORDER_ID)).map((i) => [i.fileName, i.mediaType, i.pages])).toEqual([
      ['scan0001.pdf', 'application/pdf', 1],
      ['scan0002.tif', 'image/tiff', 2],
    ]);
    // The index inside the inbox is not an image; it stays for the next batch's operator.
    expect(await readdir(t.dirs.inbox)).toEqual(['batch.xml']);
  });

  it('quarantines each kind of bad file with a reason file, and imports the rest', async () => {
    const t = await setup();
    await t.addSampleOrder();
    const attachedAlready = samplePdf(1, 'already attached');
    const first = await t.run({}); // nothing yet: an empty inbox is a no-op
    expect(first.total).toBe(0);
    // Attached through the registry (an upload by a clerk), not by an earlier import.
    const stored = await t.imageStore.put(chunked(attachedAlready));
    if (isLeft(stored)) throw new Error('put failed');
    await t.handler.handle({ type: 'AttachImage', orderId: ORDER_ID, image: { ...stored.right, kind: 'order' } } as never, { actor });
    await t.drop('CA019015J_26FL001234_DV-130_20260302.pdf', attachedAlready);
    const discarded = '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10';
    await t.handler.handle({ type: 'CreateDraft', orderId: discarded, enteringAgencyOri: 'CA019015J', details: { form: 'CH-130', caseNumber: '26FL000500' } } as never, { actor });
    await t.handler.handle({ type: 'DiscardDraft', orderId: discarded } as never, { actor });
    const pdf = samplePdf(2, 'twice');
    const cases: [string, Uint8Array | string, string][] = [
      ['scan0001.pdf', samplePdf(1, 'nameless'), 'unmatched'],
      ['CA019015J_26FL000001_XX-999_20260302.pdf', samplePdf(1, 'bad form'), 'not-creatable'],
      ['CA019015J_26FL000002_DV-110_20260302.pdf', samplePdf(2, 'cut').subarray(0, 300), 'unreadable'],
      ['CA019015J_26FL000003_DV-110_20260302.pdf', 'Dear clerk, this is a letter, not an order.', 'invalid'],
      ['CA019015J_26FL000004_DV-110_20260302.pdf', sampleTiff(2, 'huge', { width: 2400, height: 600 }), 'too-large'],
      ['CA019015J_26FL000005_DV-110_20260302.pdf', pdf, 'imported'],
      ['CA019015J_26FL000005_DV-110_20260303.pdf', pdf, 'duplicate'],
      ['CA019015J_26FL000500_CH-130_20260302.pdf', samplePdf(1, 'for a discarded draft'), 'rejected'],
    ];
    for (const [name, bytes] of cases) await t.drop(name, bytes);
    const summary = await t.run();
    expect(summary.quarantined).toEqual({ unmatched: 1, 'not-creatable': 1, unreadable: 1, invalid: 1, 'too-large': 1, duplicate: 2, rejected: 1 });
    expect(summary.draftsCreated).toBe(1);
    for (const [name, , code] of cases.filter(([, , c]) => c !== 'imported')) {
      expect(await reasonOf(t.dirs.quarantine, name)).toMatchObject({ code, file: name });
    }
    expect(await reasonOf(t.dirs.quarantine, 'CA019015J_26FL001234_DV-130_20260302.pdf')).toMatchObject({ code: 'duplicate', message: expect.stringContaining(ORDER_ID) });
    expect((await reasonOf(t.dirs.quarantine, 'CA019015J_26FL000004_DV-110_20260302.pdf')).message).toContain('300000-byte limit');
    expect((await reasonOf(t.dirs.quarantine, 'CA019015J_26FL000003_DV-110_20260302.pdf')).message).toContain('text/plain');
    expect((await reasonOf(t.dirs.quarantine, 'CA019015J_26FL000500_CH-130_20260302.pdf')).message).toContain('DRAFT_DISCARDED');
    expect(await readdir(t.dirs.inbox)).toEqual([]);
    expect(summary.quarantinedFiles.map((q) => q.fileName).sort()).toEqual(
      [...cases.filter(([, , c]) => c !== 'imported').map(([n]) => n), 'CA019015J_26FL001234_DV-130_20260302.pdf'].sort(),
    );
  });

  it('quarantines an unmatched order as not creatable when drafts are off', async () => {
    const t = await setup();
    await t.drop('CA019015J_26FL000777_DV-110_20260302.pdf', samplePdf(1, 'no order'));
    const summary = await t.run({ createDrafts: false });
    expect(summary.quarantined['not-creatable']).toBe(1);
    expect((await reasonOf(t.dirs.quarantine, 'CA019015J_26FL000777_DV-110_20260302.pdf')).message).toContain('drafts are not created');
  });

  it('is idempotent: a second run does nothing, and the same file dropped again is a duplicate', async () => {
    const t = await setup();
    await t.addSampleOrder();
    const pdf = samplePdf(2, 'again');
    await t.drop('CA019015J_26FL001234_DV-130_20260302.pdf', pdf);
    expect((await t.run()).attached).toBe(1);
    const eventsAfterFirst = (await t.eventStore.readAll({ maxCount: 1000 })).length;
    expect((await t.run()).total).toBe(0);
    await t.drop('CA019015J_26FL001234_DV-130_20260302.pdf', pdf);
    const again = await t.run();
    expect(again.quarantinedFiles).toEqual([{ fileName: 'CA019015J_26FL001234_DV-130_20260302.pdf', code: 'duplicate', message: expect.stringContaining('already imported') }]);
    expect((await t.eventStore.readAll({ maxCount: 1000 })).length).toBe(eventsAfterFirst);
  });

  it('retries a file put back from quarantine once its index entry exists', async () => {
    const t = await setup();
    await t.addSampleOrder();
    await t.drop('scan0042.pdf', samplePdf(1, 'fixed later'));
    expect((await t.run()).quarantined.unmatched).toBe(1);
    await writeFile(join(t.dirs.inbox, 'scan0042.pdf'), await readFile(join(t.dirs.quarantine, 'scan0042.pdf')));
    const csv = join(t.root, 'fix.csv');
    await writeFile(csv, 'file,caseNumber,formNumber\nscan0042.pdf,26FL001234,DV-130\n');
    expect((await t.run({ index: csv })).attached).toBe(1);
  });

  it('resumes a file whose run died after the commands but before the journal said so', async () => {
    const t = await setup();
    await t.drop('CA019015J_26FL000321_DV-110_20260302.pdf', samplePdf(1, 'crash after attach'));
    // A handler that does the work and then "crashes" right after the attachment is appended.
    const crashing: Pick<CommandHandler, 'handle'> = {
      handle: async (input, ctx) => {
        const result = await t.handler.handle(input, ctx);
        if (input.type === 'AttachImage') throw new Error('process died');
        return result;
      },
    };
    await expect(t.run({ handler: crashing })).rejects.toThrow('process died');
    expect(await readdir(t.dirs.inbox)).toEqual(['CA019015J_26FL000321_DV-110_20260302.pdf']);
    const summary = await t.run();
    expect(summary).toMatchObject({ total: 1, draftsCreated: 1, resumed: 1, quarantinedFiles: [] });
    const events = await t.eventStore.readAll({ maxCount: 1000 });
    expect(events.map((e) => e.type)).toEqual(['DraftCreated', 'ImageAttached']);
  });

  it('finishes the move of a file whose import was recorded before the crash, without new events', async () => {
    const t = await setup();
    await t.addSampleOrder();
    const name = 'CA019015J_26FL001234_DV-130_20260302.pdf';
    const pdf = samplePdf(1, 'recorded, not moved');
    await t.drop(name, pdf);
    await t.run();
    // Put the file back and cut the journal's last line (`finished`): the state a crash leaves.
    await t.drop(name, pdf);
    const journalPath = join(t.dirs.quarantine, '.scan-import-journal.jsonl');
    const lines = (await readFile(journalPath, 'utf8')).trimEnd().split('\n');
    await writeFile(journalPath, `${lines.slice(0, -1).join('\n')}\n{"step":"fini`);
    const before = (await t.eventStore.readAll({ maxCount: 1000 })).length;
    const summary = await t.run();
    expect(summary).toMatchObject({ total: 1, attached: 1, resumed: 1 });
    expect((await t.eventStore.readAll({ maxCount: 1000 })).length).toBe(before);
    expect(await readdir(t.dirs.inbox)).toEqual([]);
    expect((await readdir(t.dirs.archive)).length).toBe(2);
  });
});
