import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The DOJ/CLETS simulator of @ccpor/test-kit, run as its own program (`ccpor-doj-sim`) on a free
 * port, as a registry in a court's test environment meets it. The registry started with
 * `cletsEnv(sim)` sends its orders to it and hears its acknowledgements and rejects.
 */
export interface DojSimulatorProcess {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../../../test-kit/dist/doj-simulator/cli.js', import.meta.url));

export const startDojSimulator = async (): Promise<DojSimulatorProcess> => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the repository first (npm run build)`);
  const child: ChildProcess = spawn(process.execPath, [CLI, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const at = await new Promise<{ host: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the DOJ simulator did not start in 30 s:\n${out}`)), 30_000);
    const read = (b: Buffer) => {
      out += b.toString();
      const m = /listening on ([^\s:]+):(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ host: m[1]!, port: Number(m[2]) });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`the DOJ simulator exited (${code}):\n${out}`)));
  });
  return {
    ...at,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
};

/** The registry's environment for a CLETS link to the simulator (CCPOR_CLETS_HOST turns the gateway on). */
export const cletsEnv = (sim: DojSimulatorProcess): Record<string, string> => ({ CCPOR_CLETS_HOST: sim.host, CCPOR_CLETS_PORT: String(sim.port) });

/** An order of the Los Angeles court as the API takes one (the shape of test-kit's sample order), with its own case number. */
export const laOrder = (caseNumber: string, restrainedLast = 'Okafor') => ({
  form: 'DV-130',
  court: { ori: 'CA019015J', county: '19', name: 'Superior Court of California, County of Los Angeles' },
  judicialOfficer: 'Hon. Maria Delgado',
  caseNumber,
  issuedAt: new Date(Date.now() - 3_600_000).toISOString(),
  restrainedPerson: { name: { last: restrainedLast, first: 'Daniel' }, dateOfBirth: '1988-07-14', sex: 'M', race: 'B', height: '510', weight: '185', eyes: 'BRO', hair: 'BLK', relationship: 'former spouse' },
  protectedPersons: [{ name: { last: 'Okafor', first: 'Ana' }, dateOfBirth: '1990-02-03', sex: 'F', race: 'B', confidential: false, minor: false }],
  petitioner: { kind: 'person', name: { last: 'Okafor', first: 'Ana' } },
  provisions: [{ kind: 'personal-conduct' }, { kind: 'stay-away', distanceYards: 100, places: ['person', 'home'] }],
  pcoCodes: ['01', '04'],
  terms: 'Respondent must stay 100 yards away from petitioner and her home.',
  sealed: false,
  brady: 'Y',
});

/** Polls `check` until it holds (the gateway works asynchronously), failing after `timeoutMs`. */
export const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
