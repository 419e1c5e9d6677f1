import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const runChecks = path.resolve(import.meta.dirname, 'run-checks.mjs');

/**
 * Runs `npm test`'s npm-audit step alone, with a stand-in `npm` first on PATH that answers
 * `npm audit --json` with the given text, as the registry's audit service would (or would not).
 */
function auditStep(answer: string): { status: number | null; lines: string[] } {
  const bin = mkdtempSync(path.join(tmpdir(), 'keyward-audit-bin-'));
  writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\ncat <<'EOF'\n${answer}\nEOF\n`);
  chmodSync(path.join(bin, 'npm'), 0o755);
  const run = spawnSync(process.execPath, [runChecks, 'npm-audit'], {
    // KEYWARD_TEST_SESSION: already "inside" the keyring session, so it runs the step directly.
    env: {
      ...process.env,
      KEYWARD_TEST_SESSION: '1',
      PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    },
    encoding: 'utf8',
  });
  return { status: run.status, lines: run.stdout.split('\n').filter((line) => line !== '') };
}

const unreachable = JSON.stringify({
  error: { code: 'ENOTFOUND', summary: 'request to the audit service failed' },
});
const report = (high: number) =>
  JSON.stringify({ metadata: { vulnerabilities: { critical: 0, high, moderate: 2, low: 1 } } });

describe('the npm audit step of `npm test`', () => {
  it('shows an unreachable audit service as a warning in the summary, without failing', () => {
    const { status, lines } = auditStep(unreachable);
    expect(status).toBe(0);
    const summary = lines.slice(lines.indexOf('━━ summary') + 1);
    expect(summary).toEqual([
      expect.stringMatching(
        /^WARN {2}npm-audit +\d+\.\d s {2}WARNING: npm audit skipped: the audit service could not be reached/,
      ),
      'All checks passed, but 1 gave a warning: see WARN above.',
    ]);
  });

  it('passes, with no warning, when the audit finds nothing high or critical', () => {
    const { status, lines } = auditStep(report(0));
    expect(status).toBe(0);
    expect(lines).toContain(
      'npm audit (production dependencies): 0 critical, 0 high, 2 moderate, 1 low',
    );
    expect(lines.at(-2)).toMatch(/^PASS {2}npm-audit +\d+\.\d s$/);
    expect(lines.at(-1)).toBe('All checks passed.');
  });

  it('fails on a high advisory', () => {
    const { status, lines } = auditStep(report(1));
    expect(status).toBe(1);
    expect(lines.at(-2)).toMatch(/^FAIL {2}npm-audit/);
    expect(lines.at(-1)).toBe('1 check(s) failed.');
  });
});
