import { access, constants } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditFixPlan, AuditFixResult } from '../../common/audit-fix';
import { awsCli, keyward, launcher } from '../../../testing/cli/cli-harness';
import { adminCliForEachTest, asAdmin, expectOneLineError } from '../../../testing/cli/cli-expect';
import { runCli } from '../run-cli';

const { f, env } = adminCliForEachTest();

beforeAll(async () => {
  // The check against Debian's AWS CLI must fail loudly, never skip, when it is missing.
  await access('/usr/bin/aws', constants.X_OK);
});

const statusOf = (user: string) => f.sandbox.state.keysOf(user).map((key) => key.status);
const deactivateUnused = ['audit', '--fix', 'deactivate-unused', '--days', '90', ...asAdmin];

/** As on a terminal: stdin says it is one, and holds what the person types. */
async function onTerminal(argv: string[], typed: string) {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from([typed]), { isTTY: true });
  const code = await runCli(argv, {
    env: env(),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin,
    keywardCommand: [launcher],
  });
  return { code, stdout, stderr };
}

describe('keyward audit --fix', () => {
  it('--dry-run shows exactly which keys, and what was left alone, and changes nothing', async () => {
    const bobNew = f.sandbox.state.keysOf('bob')[1]?.accessKeyId ?? '';
    const outcome = await keyward(env(), [...deactivateUnused, '--dry-run', '--quiet']);
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.split('\n');
    expect(lines[0]).toMatch(/^Deactivate 1 key\. Active keys not used for 90 days or more/);
    expect(lines[1]).toMatch(/^USER +KEY ID +AGE +LAST USED +UNUSED FOR$/);
    expect(lines[2]).toMatch(new RegExp(`^bob +${bobNew} +120 days +never +120 days$`));
    expect(statusOf('bob')).toEqual(['Inactive', 'Active']);

    const everything = await keyward(env(), [
      'audit',
      '--fix',
      'deactivate-unused',
      '--days',
      '0',
      '--dry-run',
      '--quiet',
      ...asAdmin,
    ]);
    expect(everything.stdout).not.toMatch(
      new RegExp(`^admin +${f.sandbox.admin.accessKeyId}`, 'm'),
    );
    expect(everything.stdout).toContain(
      `admin ${f.sandbox.admin.accessKeyId}: This is the key you are signed in with.`,
    );
  });

  it('without --yes and no terminal, refuses and changes nothing (exit code 5)', async () => {
    const outcome = await keyward(env(), deactivateUnused);
    expect(outcome.code).toBe(5);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/keyward: Nothing was changed: .*--yes/);
    expect(statusOf('bob')).toEqual(['Inactive', 'Active']);
  });

  it('on a terminal, asks to type the number of keys, and a wrong number changes nothing', async () => {
    const wrong = await onTerminal([...deactivateUnused, '--quiet'], 'y\n');
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toContain('Type 1 (the number of keys) to deactivate them');
    expect(wrong.stderr).toMatch(
      /keyward: Nothing was changed: the confirmation did not match\. Type 1/,
    );
    expect(statusOf('bob')).toEqual(['Inactive', 'Active']);

    const typed = await onTerminal([...deactivateUnused, '--quiet'], '1\n');
    expect(typed.code).toBe(0);
    expect(typed.stdout).toMatch(/^1 key deactivated\.\n/);
    expect(statusOf('bob')).toEqual(['Inactive', 'Inactive']);
  });

  it('with --yes changes exactly the previewed keys, never the admin’s own (checked with the AWS CLI)', async () => {
    const preview = await keyward(env(), [
      'audit',
      '--fix',
      'deactivate-unused',
      '--days',
      '0',
      '--dry-run',
      '--json',
      ...asAdmin,
    ]);
    const { plan } = JSON.parse(preview.stdout) as { plan: AuditFixPlan };
    const previewed = plan.keys.map((key) => key.accessKeyId).sort();
    expect(previewed.length).toBeGreaterThan(1);

    const outcome = await keyward(env(), [
      'audit',
      '--fix',
      'deactivate-unused',
      '--days',
      '0',
      '--yes',
      '--json',
      ...asAdmin,
    ]);
    expect(outcome.code).toBe(0);
    const { result } = JSON.parse(outcome.stdout) as { result: AuditFixResult };
    expect(result.keys.map((key) => key.accessKeyId).sort()).toEqual(previewed);

    const admin = {
      AWS_ACCESS_KEY_ID: f.sandbox.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: f.sandbox.admin.secretAccessKey,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const statuses = new Map<string, string>();
    for (const user of ['admin', 'alice', 'bob', 'auditor', 'nobody']) {
      const listed = await awsCli(
        admin,
        f.sandbox.endpoint,
        'iam',
        'list-access-keys',
        '--user-name',
        user,
      );
      expect(listed.code, listed.stderr).toBe(0);
      const keys = (
        JSON.parse(listed.stdout) as {
          AccessKeyMetadata: { AccessKeyId: string; Status: string }[];
        }
      ).AccessKeyMetadata;
      for (const key of keys) statuses.set(key.AccessKeyId, key.Status);
    }
    const inactive = [...statuses].filter(([, status]) => status === 'Inactive').map(([id]) => id);
    const wasInactive = f.sandbox.state.keysOf('bob')[0]?.accessKeyId ?? '';
    expect(inactive.filter((id) => id !== wasInactive).sort()).toEqual(previewed);
    expect(statuses.get(f.sandbox.admin.accessKeyId)).toBe('Active');
    // Five runs of Debian's AWS CLI (Python) take a while on a small, busy machine.
  }, 60_000);

  it('exits non-zero when a key failed, after saying which and why', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      f.sandbox.faults.failNth('UpdateAccessKey', attempt, 'error');
    }
    const outcome = await keyward(env(), [...deactivateUnused, '--yes', '--quiet']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^0 keys deactivated, 1 key failed\.\n/);
    expect(outcome.stdout).toMatch(/bob +AKIA\w+ +failed: /);
    expect(outcome.stderr).toMatch(/^keyward: 1 key could not be deactivated: [^\n]+\n$/);
  });

  it('refuses a fix it does not know, or one without --days, before signing in', async () => {
    expectOneLineError(
      await keyward(env(), ['audit', '--fix', 'delete-everything', '--days', '9', ...asAdmin]),
      2,
      /--fix must be deactivate-unused or delete-inactive/,
    );
    expectOneLineError(
      await keyward(env(), ['audit', '--fix', 'delete-inactive', ...asAdmin]),
      2,
      /--fix needs --days N/,
    );
    expect(f.sandbox.stats.calls()).toBe(0);
  });
});
