import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { access, constants } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditResult } from '../../common/audit';
import { otherAccountSeed } from '../../../e2e/sandbox/index';
import { awsCli, cliEnvironment, keyward } from '../../../testing/cli/cli-harness';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';

const f = keywardForEachTest({ sandbox: { otherAccounts: [otherAccountSeed()] } });
let env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  // The check against Debian's AWS CLI must fail loudly, never skip, when it is missing.
  await access('/usr/bin/aws', constants.X_OK);
});

/** Two AWS profiles in the test's own AWS credentials file: "corp" and "labs", one per account. */
beforeEach(() => {
  env = cliEnvironment(f);
  const labs = f.sandbox.otherAccounts[0]?.credentialsFor('admin');
  if (!labs) throw new Error('expected a second account');
  const file = env['AWS_SHARED_CREDENTIALS_FILE'] ?? '';
  mkdirSync(path.dirname(file), { recursive: true });
  const profile = (name: string, creds: { accessKeyId: string; secretAccessKey: string }) =>
    `[${name}]\naws_access_key_id = ${creds.accessKeyId}\naws_secret_access_key = ${creds.secretAccessKey}\n`;
  writeFileSync(file, `${profile('corp', f.sandbox.admin)}${profile('labs', labs)}`, {
    mode: 0o600,
  });
  // The command line runs in this process here: the AWS SDK reads its files from process.env.
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', file);
  vi.stubEnv('AWS_CONFIG_FILE', env['AWS_CONFIG_FILE'] ?? '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const bothAccounts = ['audit', '--aws-profile', 'corp', '--aws-profile', 'labs'];

describe('keyward audit over several AWS accounts', () => {
  it('audits each --aws-profile’s account, with an ACCOUNT column and a summary each', async () => {
    const outcome = await keyward(env, [...bothAccounts, '--quiet']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT +USER +FLAGS +WHAT TO DO$/);
    expect(outcome.stdout).toMatch(/^example-labs \(210987654321\) +carol +\S*\s*key-never-used/m);
    expect(outcome.stdout).toMatch(/^example-corp \(123456789012\) +bob +/m);
    expect(outcome.stdout).toMatch(/^example-corp \(123456789012\): 5 people, 6 keys: /m);
    expect(outcome.stdout).toMatch(/^example-labs \(210987654321\): 2 people, 2 keys: /m);

    const json = await keyward(env, [...bothAccounts, '--json', '--quiet']);
    const result = JSON.parse(json.stdout) as AuditResult;
    expect(
      result.rows.filter((row) => row.userName === 'carol').map((row) => row.accountId),
    ).toEqual(['210987654321']);
    expect(new Set(result.rows.map((row) => row.accountId))).toEqual(
      new Set(['123456789012', '210987654321']),
    );

    // One account: as before, no ACCOUNT column.
    const one = await keyward(env, ['audit', '--aws-profile', 'labs', '--quiet']);
    expect(one.stdout.split('\n')[0]).toMatch(/^USER +FLAGS +WHAT TO DO$/);
  });

  it('fixes each key in its own account (checked with the AWS CLI)', async () => {
    const outcome = await keyward(env, [
      ...bothAccounts,
      '--fix',
      'deactivate-unused',
      '--days',
      '90',
      '--yes',
      '--quiet',
    ]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^ACCOUNT +USER +KEY ID +RESULT$/m);

    const statusIn = async (profile: string, user: string) => {
      const listed = await awsCli(
        { ...env, AWS_PROFILE: profile },
        f.sandbox.endpoint,
        'iam',
        'list-access-keys',
        '--user-name',
        user,
      );
      expect(listed.code).toBe(0);
      const { AccessKeyMetadata } = JSON.parse(listed.stdout) as {
        AccessKeyMetadata: { Status: string }[];
      };
      return AccessKeyMetadata.map((key) => key.Status);
    };
    expect(await statusIn('labs', 'carol')).toEqual(['Inactive']);
    expect(await statusIn('corp', 'bob')).toEqual(['Inactive', 'Inactive']);
    expect(await statusIn('labs', 'admin')).toEqual(['Active']);
    expect(await statusIn('corp', 'admin')).toEqual(['Active']);
  }, 60_000);
});
