import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { keepKeyOf } from '../../../testing/core/kept-keys';

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
    const { awsProfiles } = await f.core.session.choices();
    expect(awsProfiles).toEqual([
      { name: 'deploy', kind: 'assume-role', mfa: true },
      { name: 'sso-dev', kind: 'sso', mfa: false },
      { name: 'work', kind: 'keys', mfa: false },
    ]);
  });

  it('leaves out AWS profiles that only pass on a key kept in Keyward, listed beside it already', async () => {
    appendFileSync(
      path.join(configDir, 'config'),
      [
        '[profile laptop]',
        'credential_process = "/opt/Keyward/keyward" credential-process --profile laptop',
        '[profile gone]',
        'credential_process = "/opt/Keyward/keyward" credential-process --profile gone',
        '[profile vault]',
        'credential_process = aws-vault export --format=json laptop',
        '',
      ].join('\n'),
    );
    await keepKeyOf(f, 'alice', 'laptop');
    const { awsProfiles, storedProfiles } = await f.core.session.choices();
    expect(storedProfiles.map((profile) => profile.name)).toEqual(['laptop']);
    // "gone" names no kept key (it was removed): it stays, so the person can see it is there.
    expect(awsProfiles.map((profile) => profile.name)).toEqual([
      'deploy',
      'gone',
      'sso-dev',
      'vault',
      'work',
    ]);
  });

  it('signs in with a profile’s keys through the SDK’s own providers', async () => {
    const identity = await f.core.session.signIn({ kind: 'aws-profile', name: 'work' });
    expect(identity).toMatchObject({
      userName: 'admin',
      accountAlias: 'example-corp',
      source: { kind: 'aws-profile', name: 'work' },
    });
  });

  it('asks for an MFA code, through the app, for a profile that needs one', async () => {
    const error = await f.core.session
      .signIn({ kind: 'aws-profile', name: 'deploy' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'mfa-required',
      details: { mfaSerial: 'arn:aws:iam::123456789012:mfa/admin' },
    });
  });

  /** Two ways to sign in with the admin's key and MFA device; each returns what to sign in with. */
  const guardedSources = {
    'an AWS profile with its own keys and mfa_serial': (serialNumber: string) => {
      appendFileSync(
        path.join(configDir, 'config'),
        `[profile guarded]\nmfa_serial = ${serialNumber}\n`,
      );
      const { accessKeyId, secretAccessKey } = f.sandbox.admin;
      appendFileSync(
        path.join(configDir, 'credentials'),
        `[guarded]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
      );
      return Promise.resolve({ kind: 'aws-profile', name: 'guarded' } as const);
    },
    'a kept key set up with an MFA device': async (serialNumber: string) => {
      await keepKeyOf(f, 'admin', 'desk');
      await f.core.credentials.setUse('desk', {
        mode: 'session',
        durationSeconds: 3600,
        mfaSerial: serialNumber,
      });
      return { kind: 'stored-key', profile: 'desk' } as const;
    },
  };

  it.each(Object.keys(guardedSources) as (keyof typeof guardedSources)[])(
    'signs in with %s through an MFA session: it asks for the code and refuses a wrong one',
    async (kind) => {
      const device = f.sandbox.mfaDeviceOf('admin');
      const source = await guardedSources[kind](device.serialNumber);
      await expect(f.core.session.signIn(source)).rejects.toMatchObject({
        code: 'mfa-required',
        details: { mfaSerial: device.serialNumber },
      });

      // Six digits that look right but are not what the authenticator shows now.
      const stale = device.code(new Date(Date.now() - 3_600_000));
      await expect(f.core.session.signIn(source, stale)).rejects.toMatchObject({
        code: 'bad-credentials',
        message: 'AWS did not accept that MFA code.',
        hint: expect.stringMatching(/code your authenticator app shows now/) as string,
      });
      expect(f.core.session.whoami()).toBeNull();
      expect(f.sandbox.stats.calls('GetSessionToken')).toBe(1);

      const identity = await f.core.session.signIn(source, device.code());
      expect(identity).toMatchObject({
        userName: 'admin',
        accessKeyId: f.sandbox.admin.accessKeyId,
      });
      const sessions = [...f.sandbox.state.sessions.values()];
      expect(sessions).toMatchObject([{ userName: 'admin', mfaAuthenticated: true }]);
      // IAM lets in only sessions that proved MFA: this works because the code was used.
      expect((await f.core.keyAdmin.listKeys('alice')).length).toBe(1);
    },
  );

  it('honours the SDK’s AWS_ENDPOINT_URL settings when Keyward has no endpoint of its own', async () => {
    await f.core.settings.update({ endpoint: null });
    process.env['AWS_ENDPOINT_URL_IAM'] = f.sandbox.endpoint;
    process.env['AWS_ENDPOINT_URL_STS'] = f.sandbox.endpoint;
    const identity = await f.core.session.signIn({ kind: 'aws-profile', name: 'work' });
    expect(identity.arn).toBe(`arn:aws:iam::${f.sandbox.accountId}:user/admin`);
    expect(f.sandbox.stats.calls('GetCallerIdentity')).toBe(1);
  });
});
