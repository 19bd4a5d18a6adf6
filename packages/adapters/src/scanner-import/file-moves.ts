import { access, mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { renameDurably, writeFileDurably } from '../images/fs-durability';

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** A name in `dir` that is not taken yet: `name`, else `stem.<tag>.ext`, `stem.<tag>-2.ext`, … */
export const freeName = async (dir: string, name: string, tag: string): Promise<string> => {
  if (!(await exists(join(dir, name)))) return name;
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${stem}.${tag}${n > 1 ? `-${n}` : ''}${ext}`;
    if (!(await exists(join(dir, candidate)))) return candidate;
  }
};

/** Moves a file out of the inbox into `dir` without overwriting anything there. */
export const moveInto = async (from: string, dir: string, name: string, tag: string): Promise<string> => {
  await mkdir(dir, { recursive: true });
  const target = await freeName(dir, name, tag);
  await renameDurably(from, join(dir, target));
  return target;
};

export interface ReasonFile {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly sha256?: string;
  readonly at: string;
}

/** Writes `<file>.reason.json` next to a quarantined file. */
export const writeReason = async (dir: string, quarantinedName: string, reason: ReasonFile): Promise<void> => {
  await mkdir(dir, { recursive: true });
  await writeFileDurably(join(dir, `${quarantinedName}.reason.json`), `${JSON.stringify(reason, null, 2)}\n`, 'writing');
};
