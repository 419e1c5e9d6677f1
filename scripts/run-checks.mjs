#!/usr/bin/env node
// `npm test`: every check CI runs, in order, with one summary at the end. Keychain tests need a
// Secret Service, so on Linux this re-runs itself inside a private D-Bus session with a throwaway,
// unlocked GNOME Keyring (its files in a temporary folder, never the person's own keyring).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { keyringSessionTools, rerunInKeyringSession } from './keyring-session.mjs';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'node_modules/.cache/keyward-test');

if (process.platform === 'linux' && !process.env.KEYWARD_TEST_SESSION) {
  if (!keyringSessionTools()) {
    console.error(
      'npm test needs dbus-run-session and gnome-keyring-daemon (Debian: apt-get install dbus-x11 gnome-keyring).\n' +
        'Or run the full set-up: bash scripts/ci.sh',
    );
    process.exit(1);
  }
  process.exit(rerunInKeyringSession('KEYWARD_TEST_SESSION', 'keyward-test') ?? 1);
}

mkdirSync(reports, { recursive: true });
const vitestReport = path.join(reports, 'vitest.json');
const playwrightReport = path.join(reports, 'playwright.json');

const steps = [
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '.'] },
  { name: 'types', command: ['npx', 'tsc', '-p', 'tsconfig.json'] },
  { name: 'types-e2e', command: ['npx', 'tsc', '-p', 'tsconfig.e2e.json'] },
  {
    name: 'svelte-check',
    command: [
      'npx',
      'svelte-check',
      '--tsconfig',
      './tsconfig.renderer.json',
      '--fail-on-warnings',
    ],
  },
  { name: 'electronegativity', command: ['node', 'scripts/check-electronegativity.mjs'] },
  { name: 'npm-audit', command: ['node', 'scripts/check-npm-audit.mjs'] },
  { name: 'build', command: ['npx', 'electron-vite', 'build'] },
  {
    name: 'unit',
    command: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
    ],
    counts: () => vitestCounts(vitestReport),
  },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
    counts: () => playwrightCounts(playwrightReport),
  },
];

const only = process.argv.slice(2);
const results = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  console.log(`\n━━ ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  if (step.counts) rmSync(step.name === 'unit' ? vitestReport : playwrightReport, { force: true });
  // A step that passed but could not do all of its job (npm audit offline) says so in this file;
  // the summary then shows it as WARN, so a skipped check never reads as a clean PASS.
  const warningFile = path.join(reports, `${step.name}.warning`);
  rmSync(warningFile, { force: true });
  const run = spawnSync(step.command[0], step.command.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env, KEYWARD_CHECK_WARNING_FILE: warningFile },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const warning = existsSync(warningFile) ? readFileSync(warningFile, 'utf8').trim() : '';
  results.push({
    name: step.name,
    ok: run.status === 0,
    seconds,
    counts: step.counts?.(),
    warning,
  });
}

console.log('\n━━ summary');
for (const r of results) {
  const status = !r.ok ? 'FAIL' : r.warning ? 'WARN' : 'PASS';
  const notes = [r.counts, r.warning]
    .filter(Boolean)
    .map((note) => `  ${note}`)
    .join('');
  console.log(`${status}  ${r.name.padEnd(18)} ${r.seconds.padStart(6)} s${notes}`);
}
const failed = results.filter((r) => !r.ok);
const warned = results.filter((r) => r.ok && r.warning);
console.log(
  failed.length > 0
    ? `${failed.length} check(s) failed.`
    : warned.length > 0
      ? `All checks passed, but ${warned.length} gave a warning: see WARN above.`
      : 'All checks passed.',
);
process.exit(failed.length === 0 ? 0 : 1);

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function vitestCounts(file) {
  const report = readJson(file);
  if (!report) return 'no report';
  return `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`;
}

function playwrightCounts(file) {
  const report = readJson(file);
  if (!report) return 'no report';
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  return `${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped`;
}
