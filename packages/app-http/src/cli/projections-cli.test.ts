import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './program';

/**
 * `ccpor demo seed` and `ccpor projections rebuild` end to end on an embedded PGlite directory,
 * as an operator runs them: the views live in the log's database, and a rebuild replays the log.
 */
let dir: string;
let out: string[];
let err: string[];
const saved = { ...process.env };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccpor-cli-'));
  Object.assign(process.env, { CCPOR_STORE: dir, CCPOR_LOG_LEVEL: 'silent' });
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  // Jest runs test files one after another in this process on a two-core machine: a CLI test
  // before this one that ended with a failure code must not count as this command's.
  process.exitCode = undefined;
  out = [];
  err = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  // The progress bar draws on stderr.
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
});
afterEach(() => jest.restoreAllMocks());

describe('ccpor projections rebuild', () => {
  it('rebuilds the search views from the log with a progress bar and reports what they hold', async () => {
    await runCli(['node', 'ccpor', 'demo', 'seed', '--orders', '12']);
    expect(out.join('')).toContain('Added 12 orders');
    out = [];
    await runCli(['node', 'ccpor', 'projections', 'rebuild']);
    expect(process.exitCode ?? 0).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/Rebuilt the search views from \d+ events in [\d.]+ s \(\d+ events\/s\): 12 orders\./);
    expect(text).toMatch(/Identity view: \d+ agencies/);
    expect(err.join('')).toContain('rebuilding the search views');
  }, 60_000);
});
