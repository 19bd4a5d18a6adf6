import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface Acknowledged {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
}

export interface KillReport {
  readonly acknowledged: readonly Acknowledged[];
  /** The signal that ended the child: SIGKILL when the test did it. */
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

const repoRoot = resolve(__dirname, '../../../../..');

/**
 * Starts append-burst.ts in a child process, reads its acknowledgements, and SIGKILLs it as
 * soon as `killAfter` have arrived: the child is in the middle of more appends at that
 * moment. Everything is bounded by `timeoutMs`.
 */
export const killMidBurst = (args: readonly string[], killAfter: number, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<KillReport> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'append-burst.ts'), ...args], {
      cwd: repoRoot,
      // The child runs the TypeScript sources directly; the test tsconfig maps @ccpor/* to them.
      env: { ...env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.tests.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: Acknowledged[] = [];
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${killAfter} acknowledgements in ${timeoutMs} ms (got ${acknowledged.length}); stderr: ${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [tag, streamId, version, eventId] = line.split(' ');
      if (tag !== 'ack' || !streamId || !version || !eventId) return;
      acknowledged.push({ streamId, version: Number(version), eventId });
      if (!killed && acknowledged.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    // 'close' comes after stdout has ended, so every line already in the pipe when the child
    // died has been read: those are acknowledgements too.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killed) resolvePromise({ acknowledged, signal, stderr });
      else reject(new Error(`child exited by itself (code ${code}, signal ${signal}); stderr: ${stderr}`));
    });
  });
