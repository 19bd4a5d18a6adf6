import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SequentialIds } from '@ccpor/test-kit';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { ETL_ACTOR, LEGACY_HEADER, LEGACY_MAPPING, legacyRow, writeLegacyCsv } from './__tests__/history-rows';
import { importHistory, type HistoricalImportOptions } from './import-history';
import { checkImportMapping } from './import-mapping';
import { historicalOrderId } from './map-row';

const actor = ETL_ACTOR;
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

const setup = async () => {
  const root = await mkdtemp(join(tmpdir(), 'ccpor-history-'));
  roots.push(root);
  const eventStore = new InMemoryEventStore();
  const base = (input: string): HistoricalImportOptions => ({
    input,
    mapping: LEGACY_MAPPING,
    eventStore,
    ids: new SequentialIds(),
    actor,
    rejects: join(root, 'rejects.jsonl'),
    checkpoint: join(root, 'checkpoint.json'),
    now: () => '2026-04-01T12:00:00Z',
  });
  const readRejects = async () =>
    (await readFile(join(root, 'rejects.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { root, eventStore, base, readRejects };
};

interface VolumeResult {
  readonly summary: Record<string, unknown> & { rowsPerSecond: number; elapsedMs: number };
  readonly progressCalls: number;
  readonly types: Record<string, number>;
  readonly streams: number;
  readonly sources: number;
}

/** Runs __tests__/history-volume-child.ts (see there for why it is a process of its own). */
const runVolumeChild = (dir: string, rows: number): Promise<{ result?: VolumeResult; stderr: string }> =>
  new Promise((resolvePromise, reject) => {
    const repoRoot = resolve(__dirname, '../../../..');
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '__tests__', 'history-volume-child.ts'), dir, String(rows)], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.tests.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let result: VolumeResult | undefined;
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (line.startsWith('result ')) result = JSON.parse(line.slice(7)) as VolumeResult;
    });
    proc.on('error', reject);
    proc.on('close', () => resolvePromise({ ...(result ? { result } : {}), stderr }));
  });

describe('importHistory', () => {
  it('adds each order with its original dates and source marker, then its service and cancellation', async () => {
    const t = await setup();
    const csv = join(t.root, 'orders.csv');
    await writeFile(csv, `${LEGACY_HEADER}\n${legacyRow(35)}\n`);
    const summary = await importHistory(t.base(csv));
    expect(summary).toMatchObject({ imported: 1, rejected: 0, alreadyImported: 0, partial: 0 });
    const orderId = historicalOrderId('LA-LEGACY-RPO', 'R0000035');
    const events = await t.eventStore.readStream(`order-${orderId}`);
    expect(events.map((e) => e.type)).toEqual(['OrderAdded', 'ServiceRecorded', 'OrderCanceled']);
    const [added, served, canceled] = events;
    expect(added!.data).toMatchObject({
      source: { kind: 'historical-import', sourceSystem: 'LA-LEGACY-RPO', sourceRecordId: 'R0000035' },
      addedAt: '2018-12-09T10:15:00-08:00',
      details: { form: 'DV-130', caseNumber: '18FL000035', issuedAt: '2018-12-09T10:15:00-08:00', restrainedPerson: { race: 'A', sex: 'M', dateOfBirth: '1980-09-15' } },
    });
    expect(added!.metadata.recordedAt).toBe('2018-12-09T10:15:00-08:00');
    expect(added!.metadata.extra).toEqual({ historicalImport: { sourceSystem: 'LA-LEGACY-RPO', sourceRecordId: 'R0000035', row: 1, line: 2, importedAt: '2026-04-01T12:00:00Z' } });
    expect(served!.data).toMatchObject({ service: { method: 'personal', servedAt: '2018-12-09T12:00:00-08:00', servedBy: { name: 'DEPUTY JONES' } } });
    expect(canceled!.data).toMatchObject({ reason: 'terminated-by-court', canceledAt: '2019-12-31T12:00:00-08:00' });
  });

  it('reads JSON lines with the same mapping', async () => {
    const t = await setup();
    const jsonl = join(t.root, 'orders.jsonl');
    const keys = LEGACY_HEADER.split(',');
    const lines = [1, 2, 4].map((i) => JSON.stringify(Object.fromEntries(legacyRow(i).split(',').map((v, k) => [keys[k], v]))));
    await writeFile(jsonl, `${lines.join('\n')}\n\n{"REC_ID": 12,\n`);
    const summary = await importHistory(t.base(jsonl));
    expect(summary).toMatchObject({ imported: 3, rejected: 1 });
    expect(await t.readRejects()).toEqual([expect.objectContaining({ row: 4, line: 5, code: 'UNREADABLE_ROW' })]);
  });

  it('writes every bad row to the rejects file with row, column and reason, and imports the rest', async () => {
    const t = await setup();
    const csv = join(t.root, 'orders.csv');
    const row = (i: number, change: (cells: string[]) => void) => {
      const cells = legacyRow(i).split(',');
      change(cells);
      return cells.join(',');
    };
    const rows = [
      legacyRow(1),
      row(2, (c) => (c[8] = '02/30/1980')), // RSP_DOB: no such day
      row(3, (c) => (c[1] = '99')), // FORM_CD: a local code with no mapping
      row(4, (c) => (c[6] = '')), // RSP_LAST empty
      row(5, (c) => (c[3] = '2018-06-06')), // ISSUE_DT in the wrong format
      `${legacyRow(6)},EXTRA`, // one field too many
      row(10, (c) => (c[14] = '01/01/2030')), // served in the future: the order goes in, the service does not
      row(12, (c) => (c[10] = '7')), // RSP_RACE 7 is not a code
      legacyRow(13),
    ];
    await writeFile(csv, `${LEGACY_HEADER}\n${rows.join('\n')}\n`);
    const summary = await importHistory(t.base(csv));
    const rejects = await t.readRejects();
    expect(summary).toMatchObject({ imported: 3, rejected: 6, partial: 1 });
    expect(rejects).toEqual([
      expect.objectContaining({ row: 2, line: 3, sourceRecordId: 'R0000002', column: 'RSP_DOB', code: 'INVALID_DATE', reason: expect.stringContaining('not a real calendar date') }),
      expect.objectContaining({ row: 3, sourceRecordId: 'R0000003', column: 'FORM_CD', code: 'INVALID_VALUE', reason: expect.stringContaining('"99"') }),
      expect.objectContaining({ row: 4, column: 'RSP_LAST', code: 'INVALID_VALUE' }),
      expect.objectContaining({ row: 5, column: 'ISSUE_DT', code: 'INVALID_DATE', reason: expect.stringContaining('MM/DD/YYYY') }),
      expect.objectContaining({ row: 6, code: 'UNREADABLE_ROW' }),
      expect.objectContaining({ row: 7, sourceRecordId: 'R0000010', column: 'SERVED_DT', code: 'DATE_IN_FUTURE' }),
      expect.objectContaining({ row: 8, column: 'RSP_RACE', code: 'INVALID_VALUE' }),
    ]);
  });

  it('is idempotent by source record id, and a finished checkpoint makes a re-run read nothing new', async () => {
    const t = await setup();
    const csv = join(t.root, 'orders.csv');
    await writeLegacyCsv(csv, 300);
    expect(await importHistory(t.base(csv))).toMatchObject({ imported: 300, rejected: 0 });
    const events = (await t.eventStore.readAll({ maxCount: 10_000 })).length;
    expect(await importHistory(t.base(csv))).toMatchObject({ imported: 300, resumedAfterRow: 300 });
    // Without the checkpoint every row is read again and found already imported.
    await rm(join(t.root, 'checkpoint.json'));
    expect(await importHistory(t.base(csv))).toMatchObject({ imported: 0, alreadyImported: 300, rejected: 0 });
    expect((await t.eventStore.readAll({ maxCount: 10_000 })).length).toBe(events);
  });

  it('refuses a checkpoint of another input, and mappings that lack required fields or name unknown ones', async () => {
    const t = await setup();
    const a = join(t.root, 'a.csv');
    const b = join(t.root, 'b.csv');
    await writeLegacyCsv(a, 3);
    await writeLegacyCsv(b, 3);
    await importHistory(t.base(a));
    await expect(importHistory(t.base(b))).rejects.toThrow('belongs to');
    const { sourceRecordId: _drop, ...columns } = LEGACY_MAPPING.columns;
    expect(checkImportMapping({ ...LEGACY_MAPPING, columns })).toEqual({ _tag: 'Left', left: 'mapping: no column or default for sourceRecordId' });
    expect(checkImportMapping({ ...LEGACY_MAPPING, columns: { ...LEGACY_MAPPING.columns, shoeSize: 'SHOE' } })).toMatchObject({ left: expect.stringContaining('shoeSize') });
    expect(checkImportMapping({ ...LEGACY_MAPPING, dateFormt: 'MM/DD/YYYY' })).toEqual({ _tag: 'Left', left: 'mapping: dateFormt: is not a known field' });
  });

  // Volume in its own process; the rows per second are `npm run bench` (bench/import.bench.ts, 100,000 rows), not a test's.
  it('imports 20,000 rows into the in-memory store: every order once, every service and cancellation, nothing rejected', async () => {
    const t = await setup();
    const rows = 20_000;
    const { result, stderr } = await runVolumeChild(t.root, rows);
    if (result === undefined) throw new Error(`the import process failed: ${stderr}`);
    const { summary, progressCalls, types, streams, sources } = result;
    expect(summary).toMatchObject({ rowsRead: rows, imported: rows, alreadyImported: 0, rejected: 0, partial: 0, stopped: false });
    expect(progressCalls).toBeGreaterThan(1);
    expect(streams).toBe(rows);
    expect(sources).toBe(rows);
    // legacyRow: every fifth row served, every seventh canceled.
    const count = (every: number) => Math.floor(rows / every);
    expect(types).toEqual({ OrderAdded: rows, ServiceRecorded: count(5), OrderCanceled: count(7) });
  }, 240_000);
});
