import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from '@jest/globals';
import { PgliteEventStore } from '../event-store/pglite/pglite-event-store';
import { legacyRow, writeLegacyCsv } from './__tests__/history-rows';

const repoRoot = resolve(__dirname, '../../../..');
const child = join(__dirname, '__tests__', 'history-import-child.ts');

const runChild = (args: string[], killAtRows?: number): Promise<{ lastRows: number; signal: NodeJS.Signals | null; stderr: string; summary?: Record<string, number> }> =>
  new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', child, ...args], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.tests.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastRows = 0;
    let summary: Record<string, number> | undefined;
    let stderr = '';
    const timer = setTimeout(() => proc.kill('SIGKILL'), 90_000);
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (line.startsWith('summary ')) summary = JSON.parse(line.slice(8)) as Record<string, number>;
      if (!line.startsWith('rows ')) return;
      lastRows = Number(line.slice(5));
      if (killAtRows !== undefined && lastRows >= killAtRows) proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolvePromise({ lastRows, signal, stderr, ...(summary ? { summary } : {}) });
    });
  });

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('historical import killed with SIGKILL mid-run', () => {
  it('resumes from its checkpoint: every row exactly once in the store and in the rejects file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ccpor-history-crash-'));
    roots.push(root);
    const csv = join(root, 'orders.csv');
    const rows = 700;
    await writeLegacyCsv(csv, rows - 3);
    // Three bad rows spread over the file: a rejects line each, never two.
    const bad = (i: number) => legacyRow(i).replace(/^([^,]*),30,/, '$1,99,').replace(/^([^,]*),60,/, '$1,99,');
    await appendFile(csv, `${bad(9001)}\n${legacyRow(9002)}\n${bad(9003)}\n`);
    const args = [join(root, 'pglite'), csv, join(root, 'rejects.jsonl'), join(root, 'checkpoint.json')];
    const first = await runChild(args, 250);
    expect(first.signal).toBe('SIGKILL');
    expect(first.lastRows).toBeLessThan(rows);
    const checkpoint = JSON.parse(await readFile(join(root, 'checkpoint.json'), 'utf8')) as { row: number };
    expect(checkpoint.row).toBeGreaterThan(0);

    const second = await runChild(args);
    expect(second.stderr).toBe('');
    expect(second.summary).toMatchObject({ rowsRead: rows, resumedAfterRow: checkpoint.row });
    expect((second.summary!.imported ?? 0) + (second.summary!.alreadyImported ?? 0)).toBe(rows - 2);

    const rejects = (await readFile(join(root, 'rejects.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { sourceRecordId: string; row: number });
    expect(rejects.map((r) => r.sourceRecordId).sort()).toEqual(['R0009001', 'R0009003']);

    const store = await PgliteEventStore.open({ dataDir: join(root, 'pglite') });
    try {
      const added = (await store.readAll({ maxCount: 100_000 })).filter((e) => e.type === 'OrderAdded');
      const ids = added.map((e) => (e.data as { source: { sourceRecordId: string } }).source.sourceRecordId);
      expect(ids).toHaveLength(rows - 2);
      expect(new Set(ids).size).toBe(rows - 2);
      const served = (await store.readAll({ maxCount: 100_000 })).filter((e) => e.type === 'ServiceRecorded');
      expect(new Set(served.map((e) => e.streamId)).size).toBe(served.length);
    } finally {
      await store.close();
    }
  }, 180_000);
});
