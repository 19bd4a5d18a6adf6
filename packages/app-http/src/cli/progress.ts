import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr (stdout stays clean for output a script may read). */
export const progressBar = (label: string, total: number) => {
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n: number) => bar.update(Math.min(n, total)), setTotal: (n: number) => bar.setTotal(n), stop: () => bar.stop() };
};
