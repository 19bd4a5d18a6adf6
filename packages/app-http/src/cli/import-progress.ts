import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr with a rate (rows or files per second) and an ETA; stdout stays for the report. */
export const rateBar = (label: string, unit: string, total: number) => {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {duration_formatted} | eta {eta_formatted}{detail}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { rate: 0, detail: '' });
  return {
    update: (value: number, rate: number, detail = '') => {
      if (value > bar.getTotal()) bar.setTotal(value);
      bar.update(value, { rate, detail: detail === '' ? '' : ` | ${detail}` });
    },
    stop: () => bar.stop(),
  };
};
