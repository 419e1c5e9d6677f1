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
// One finding a line: ISSUE_ID,"SEVERITY","CONFIDENCE","file",… . Under load the tool has been
// seen to leave a report with a garbled line, so a report that does not parse is produced again.
const findingLine = /^([A-Z_]+_CHECK),"[A-Z]+","[A-Z]+","([^"]*)",/;

function runElectronegativity() {
  const outDir = mkdtempSync(path.join(tmpdir(), 'keyward-eneg-'));
  const report = path.join(outDir, 'report.csv');
  const run = spawnSync(
    'npx',
    [
      'electronegativity',
      '-i',
      'electron',
      '-e',
      electronVersion,
      '-r',
      '-v',
      'false',
      '-o',
      report,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    process.exit(1);
  }
  const lines = readFileSync(report, 'utf8').trim().split('\n').slice(1);
  rmSync(outDir, { recursive: true, force: true });
  return lines;
}

let rows = runElectronegativity();
for (let attempt = 1; attempt < 3 && !rows.every((row) => findingLine.test(row)); attempt++) {
  console.log('The Electronegativity report did not parse; running it again.');
  rows = runElectronegativity();
}
const garbled = rows.filter((row) => !findingLine.test(row));
if (garbled.length > 0) {
  console.error(`Electronegativity wrote lines that do not parse:\n${garbled.join('\n')}`);
  process.exit(1);
}
const findings = rows.map((row) => {
  const [, issue = '', file = ''] = findingLine.exec(row) ?? [];
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
