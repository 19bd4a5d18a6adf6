// Fails when a file of the repository cites the team's planning notes that live outside it
// (issue 14, item 7; ADR 0041). Code, READMEs, ADRs and tests cite statutes, rules of court,
// Judicial Council forms, DOJ and NCIC documents by their own names, and the project's docs/.
// Checks every tracked file and every new file git does not ignore; run by `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The names are assembled here so that this file does not trip its own check.
const names = [
  ['domain', 'brief'],
  ['performance', 'notes'],
];
const paths = [
  ['shared', 'docs'],
  ['shared', 'seeds'],
  ['peers', 'md'],
];
const forbidden = new RegExp(
  [...names.map(([a, b]) => `${a}[- ]${b}`), ...paths.slice(0, 2).map(([a, b]) => `${a}/${b}`), `${paths[2][0]}\\.${paths[2][1]}`].join('|'),
  'i',
);

const root = fileURLToPath(new URL('..', import.meta.url));
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  .split('\0')
  .filter((f) => f !== '' && !f.split('/').includes('node_modules'));

const found = [];
for (const file of new Set(files)) {
  let bytes;
  try {
    bytes = readFileSync(join(root, file));
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'EISDIR') continue; // deleted in the work tree, or a submodule
    throw e;
  }
  if (bytes.subarray(0, 8000).includes(0)) continue; // binary
  const lines = bytes.toString('utf8').split('\n');
  lines.forEach((line, i) => {
    if (forbidden.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
  });
}

if (found.length > 0) {
  console.error(
    `${found.length} line(s) cite planning notes that are not part of the repository. Cite the statute, rule, form or DOJ/NCIC document itself, and the project's docs/ page (docs/law/, docs/carpos-and-ncic.md, docs/ccpor-programme.md, docs/performance-goals.md); mark what no source confirms [U] or [I] (ADR 0041):`,
  );
  for (const f of found) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`citations: ${files.length} files checked, none cites a document outside the repository`);
