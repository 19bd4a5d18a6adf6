// Removes, from package-lock.json, optional dependencies that the lock has no entry for.
//
// Why: this project's registry mirror serves only the Linux builds of packages that ship one
// binary package per platform (@swc/core-*, @turbo/*, resolver bindings …). npm cannot record
// the other platforms' packages in the lock, yet `npm ci` then refuses the lock as out of sync.
// Dropping the unresolvable optional edges makes `npm ci` work; see docs/adr/0008-lockfile-and-platform-packages.md.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? new URL('../package-lock.json', import.meta.url).pathname;
const lock = JSON.parse(readFileSync(file, 'utf8'));
const present = new Set(Object.keys(lock.packages));

/** Node resolves a dependency at the nearest node_modules/<name> up the path. */
const resolves = (path, name) => {
  const parts = path ? path.split('/node_modules/') : [];
  for (let i = parts.length; i >= 0; i--) {
    const base = parts.slice(0, i).join('/node_modules/');
    if (present.has(base ? `${base}/node_modules/${name}` : `node_modules/${name}`)) return true;
  }
  return false;
};

let removed = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (!resolves(path, name)) {
      delete entry.optionalDependencies[name];
      removed += 1;
    }
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
if (removed > 0) writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${removed} unresolvable optional dependencies removed`);
