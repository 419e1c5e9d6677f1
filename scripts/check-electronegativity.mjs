#!/usr/bin/env node
// Runs Doyensec's Electronegativity over the Electron code and fails on any finding that is not
// explained in security/electronegativity-explained.json. An explanation that no longer matches a
// finding also fails, so the list cannot rot.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(
  readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const outDir = mkdtempSync(path.join(tmpdir(), 'keyward-eneg-'));
const report = path.join(outDir, 'report.csv');
const run = spawnSync(
  'npx',
  ['electronegativity', '-i', 'electron', '-e', electronVersion, '-r', '-v', 'false', '-o', report],
  { cwd: root, encoding: 'utf8' },
);
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  process.exit(1);
}
const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1);
rmSync(outDir, { recursive: true, force: true });
const findings = rows.map((row) => {
  const [issue = '', , , file = ''] = row.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
  // Paths are relative to the scanned folder.
  return {
    issue,
    file: file === 'N/A' ? file : path.posix.join('electron', file.replace(/^\.\//, '')),
  };
});
const { findings: explained } = JSON.parse(
  readFileSync(path.join(root, 'security/electronegativity-explained.json'), 'utf8'),
);
const key = (f) => `${f.issue} ${f.file}`;
const explainedKeys = new Set(explained.map(key));
const foundKeys = new Set(findings.map(key));
const unexplained = findings.filter((f) => !explainedKeys.has(key(f)));
const stale = explained.filter((f) => !foundKeys.has(key(f)));
for (const f of findings)
  console.log(`${explainedKeys.has(key(f)) ? 'explained  ' : 'UNEXPLAINED'} ${key(f)}`);
for (const f of stale)
  console.log(`STALE       ${key(f)} (no longer found: remove its explanation)`);
console.log(
  `${findings.length} findings, ${unexplained.length} unexplained, ${stale.length} stale explanations`,
);
process.exit(unexplained.length === 0 && stale.length === 0 ? 0 : 1);
