import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeywardFixture } from '../test-support/keyward-fixture';
import { startKeyward } from '../test-support/keyward-fixture';

let f: KeywardFixture;
let configDir: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  f = await startKeyward();
  const dir = mkdtempSync(path.join(tmpdir(), 'keyward-aws-config-'));
  configDir = dir;
  const { accessKeyId, secretAccessKey } = f.sandbox.admin;
  writeFileSync(
    path.join(dir, 'config'),
    [
      '[profile work]',
      'region = eu-west-1',
      '[profile deploy]',
      'role_arn = arn:aws:iam::123456789012:role/Deploy',
      'source_profile = work',
      'mfa_serial = arn:aws:iam::123456789012:mfa/admin',
      '[profile sso-dev]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Dev',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'credentials'),
    `[work]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
  );
  process.env['AWS_CONFIG_FILE'] = path.join(dir, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = path.join(dir, 'credentials');
});

afterEach(async () => {
  process.env = { ...savedEnv };
  rmSync(configDir, { recursive: true, force: true });
  await f.close();
});

describe('signing in with an AWS profile', () => {
  it('lists the profiles in the shared config files with their kind of sign-in', async () => {
    const { awsProfiles } = await f.keyward.signInChoices();
    expect(awsProfiles).toEqual([
      { name: 'deploy', kind: 'assume-role', mfa: true },
      { name: 'sso-dev', kind: 'sso', mfa: false },
      { name: 'work', kind: 'keys', mfa: false },
    ]);
  });

  it('signs in with a profile’s keys through the SDK’s own providers', async () => {
    const identity = await f.keyward.signIn({ kind: 'aws-profile', name: 'work' });
    expect(identity).toMatchObject({
      userName: 'admin',
      accountAlias: 'example-corp',
      source: { kind: 'aws-profile', name: 'work' },
    });
  });

  it('asks for an MFA code, through the app, for a profile that needs one', async () => {
    const error = await f.keyward
      .signIn({ kind: 'aws-profile', name: 'deploy' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'mfa-required',
      details: { mfaSerial: 'arn:aws:iam::123456789012:mfa/admin' },
    });
  });

  it('honours the SDK’s AWS_ENDPOINT_URL settings when Keyward has no endpoint of its own', async () => {
    await f.keyward.settings.update({ endpoint: null });
    process.env['AWS_ENDPOINT_URL_IAM'] = f.sandbox.endpoint;
    process.env['AWS_ENDPOINT_URL_STS'] = f.sandbox.endpoint;
    const identity = await f.keyward.signIn({ kind: 'aws-profile', name: 'work' });
    expect(identity.arn).toBe(`arn:aws:iam::${f.sandbox.accountId}:user/admin`);
    expect(f.sandbox.stats.calls('GetCallerIdentity')).toBe(1);
  });
});
