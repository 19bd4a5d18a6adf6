import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from '@jest/globals';
import { samplePdf } from '@ccpor/test-kit';
import { PgliteEventStore } from '../event-store/pglite/pglite-event-store';

const repoRoot = resolve(__dirname, '../../../..');
const child = join(__dirname, '__tests__', 'scan-import-child.ts');

/** Runs the child import; with `killAfter`, SIGKILLs it once that many files are done. */
const runChild = (dataDir: string, root: string, killAfter?: number): Promise<{ done: string[]; signal: NodeJS.Signals | null; stderr: string }> =>
  new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', child, dataDir, root], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.tests.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done: string[] = [];
    let stderr = '';
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (!line.startsWith('done ')) return;
      done.push(line.slice(5));
      if (killAfter !== undefined && done.length === killAfter) proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolvePromise({ done, signal, stderr });
    });
  });

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('scan import killed with SIGKILL mid-run', () => {
  it('resumes on the next run: every file imported exactly once, no draft or image twice', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ccpor-scan-crash-'));
    roots.push(root);
    const dataDir = join(root, 'pglite');
    await mkdir(join(root, 'inbox'), { recursive: true });
    // 12 cases, two scans each: the first creates the draft, the second attaches to it.
    const files: string[] = [];
    for (let c = 0; c < 12; c++) {
      for (const day of ['20260302', '20260303']) {
        const name = `CA019015J_26FL${String(c).padStart(6, '0')}_DV-110_${day}.pdf`;
        files.push(name);
        await writeFile(join(root, 'inbox', name), samplePdf(1 + (c % 3), `${name} content`));
      }
    }
    const first = await runChild(dataDir, root, 7);
    expect(first.signal).toBe('SIGKILL');
    expect(first.done.length).toBeGreaterThanOrEqual(7);
    expect(first.done.length).toBeLessThan(files.length);

    const second = await runChild(dataDir, root);
    expect(second.stderr).toBe('');
    expect(second.signal).toBeNull();
    // No file is handled by both runs (a file finished just before the kill may print nothing).
    expect(new Set([...first.done, ...second.done]).size).toBe(first.done.length + second.done.length);

    expect(await readdir(join(root, 'inbox'))).toEqual([]);
    expect((await readdir(join(root, 'archive'))).sort()).toEqual([...files].sort());
    expect((await readdir(join(root, 'quarantine'))).filter((n) => !n.startsWith('.'))).toEqual([]);

    const store = await PgliteEventStore.open({ dataDir });
    try {
      const events = await store.readAll({ maxCount: 10_000 });
      const drafts = events.filter((e) => e.type === 'DraftCreated');
      const attached = events.filter((e) => e.type === 'ImageAttached');
      expect(drafts).toHaveLength(12);
      expect(new Set(drafts.map((d) => (d.data as { details: { caseNumber: string } }).details.caseNumber)).size).toBe(12);
      expect(attached).toHaveLength(24);
      const names = attached.map((e) => (e.data as { image: { fileName: string } }).image.fileName);
      expect([...names].sort()).toEqual([...files].sort());
      // Both scans of a case sit on the same draft.
      const streamsPerCase = new Map<string, Set<string>>();
      for (const e of attached) {
        const name = (e.data as { image: { fileName: string } }).image.fileName;
        const caseNo = name.split('_')[1]!;
        streamsPerCase.set(caseNo, (streamsPerCase.get(caseNo) ?? new Set()).add(e.streamId));
      }
      expect([...streamsPerCase.values()].every((s) => s.size === 1)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
