import { runCli } from '../cli/program';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/**
 * Runs `ccpor …` in this process, as a shell would, and returns what it printed and its exit
 * code. In-process keeps the tests fast and lets them open the same store between runs.
 */
export const ccpor = async (...args: string[]): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = 0;
  try {
    await runCli(['node', 'ccpor', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, code };
};
