import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCliForEachTest } from '../../testing/cli/aws-cli-each-test';
import { keepKeyOf } from '../../testing/core/kept-keys';
import { filesBelow, findSecrets } from '../../testing/core/leak-scan';
import { awsCli, keyward } from '../../testing/cli/cli-harness';

const { f, env } = awsCliForEachTest();

const configFile = () => env['AWS_CONFIG_FILE'] ?? '';
const credentialsFile = () => env['AWS_SHARED_CREDENTIALS_FILE'] ?? '';

function callerArn(stdout: string): string {
  return (JSON.parse(stdout) as { Arn: string }).Arn;
}

/** `aws sts get-caller-identity` with a profile from the test's AWS config. */
function callerIdentityOf(profile: string) {
  return awsCli(env, f.sandbox.endpoint, 'sts', 'get-caller-identity', '--profile', profile);
}

describe('the AWS CLI using a key kept by Keyward', () => {
  it('signs as the right user through credential_process, before and after a rotation', async () => {
    const old = await keepKeyOf(f, 'alice', 'work');
    mkdirSync(path.dirname(configFile()), { recursive: true });
    writeFileSync(configFile(), '# mine\n[default]\nregion = us-west-2\n');
    expect(await keyward(env, ['cli', 'setup', '--profile', 'work'])).toMatchObject({ code: 0 });
    expect(readFileSync(configFile(), 'utf8')).not.toContain(old.secretAccessKey);

    const aliceArn = `arn:aws:iam::${f.sandbox.accountId}:user/alice`;
    const before = await callerIdentityOf('work');
    expect(before.stderr, before.stderr).toBe('');
    expect(callerArn(before.stdout)).toBe(aliceArn);
    expect(f.sandbox.state.accessKeys.get(old.accessKeyId)?.lastUsed?.serviceName).toBe('sts');

    const rotated = await keyward(env, ['keys', 'rotate', '--profile', 'work', '--json']);
    expect(rotated.code).toBe(0);
    const { newKeyId } = JSON.parse(rotated.stdout) as { newKeyId: string };

    const after = await callerIdentityOf('work');
    expect(callerArn(after.stdout)).toBe(aliceArn);
    expect(f.sandbox.state.accessKeys.get(newKeyId)?.lastUsed?.serviceName).toBe('sts');

    // The old key is gone: AWS refuses it.
    const refused = await awsCli(
      {
        AWS_ACCESS_KEY_ID: old.accessKeyId,
        AWS_SECRET_ACCESS_KEY: old.secretAccessKey,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
      f.sandbox.endpoint,
      'sts',
      'get-caller-identity',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/InvalidClientTokenId/);
  });

  it('imports a plaintext key: afterwards the CLI works and no file holds the secret', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    mkdirSync(path.dirname(credentialsFile()), { recursive: true });
    writeFileSync(
      credentialsFile(),
      `[other]\naws_access_key_id = AKIAOTHEROTHEROTHER0\naws_secret_access_key = ${'o'.repeat(40)}\n\n[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );
    writeFileSync(configFile(), '[profile legacy]\nregion = eu-west-1\noutput = json\n');

    // Asking first: without --yes (and no terminal to ask on), nothing moves.
    const unconfirmed = await keyward(env, ['profiles', 'import', '--profile', 'legacy']);
    expect(unconfirmed.code).toBe(5);
    expect(readFileSync(credentialsFile(), 'utf8')).toContain(bob.secretAccessKey);

    const imported = await keyward(env, ['profiles', 'import', '--profile', 'legacy', '--yes']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(`${imported.stdout}${imported.stderr}`).not.toContain(bob.secretAccessKey);

    const credentials = readFileSync(credentialsFile(), 'utf8');
    expect(credentials).toBe(
      `[other]\naws_access_key_id = AKIAOTHEROTHEROTHER0\naws_secret_access_key = ${'o'.repeat(40)}\n`,
    );
    const leaks = findSecrets(
      [...filesBelow(path.dirname(configFile())), ...filesBelow(f.platform.dataDir())],
      [bob.secretAccessKey],
    );
    expect(leaks).toEqual([]);
    expect(
      filesBelow(path.dirname(configFile()))
        .map((file) => path.basename(file))
        .sort(),
    ).toEqual(['config', 'config.keyward-backup', 'credentials', 'credentials.keyward-backup']);
    expect((await f.profiles.require('legacy')).secretAccessKey).toBe(bob.secretAccessKey);

    const identity = await callerIdentityOf('legacy');
    expect(callerArn(identity.stdout)).toBe(`arn:aws:iam::${f.sandbox.accountId}:user/bob`);
  });
});
