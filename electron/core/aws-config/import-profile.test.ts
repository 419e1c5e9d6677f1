import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../testing/core/refusal';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { filesBelow, findSecrets } from '../../../testing/core/leak-scan';
import { awsFilesForEachTest } from '../../../testing/core/aws-config/aws-files-each-test';
import { findPlaintextKey, importPlaintextProfile } from './import-profile';

const keywardCommand = ['/usr/local/bin/keyward'];
const f = keywardForEachTest();
const files = awsFilesForEachTest();

const read = (file: string) => readFileSync(file, 'utf8');
const importLegacy = () =>
  importPlaintextProfile({ ...f.core, profiles: f.profiles }, 'legacy', {
    keywardCommand,
    region: null,
    files,
  });

describe('importing a plaintext key', () => {
  it('moves a key from the config file too, leaving no copy of the secret in it or its backup', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    const config = `[default]\nregion = us-west-2\n\n[profile legacy]\nregion = eu-west-1\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\noutput = json\n`;
    writeFileSync(files.config, config);
    expect(await findPlaintextKey('legacy', { files })).toMatchObject({
      accessKeyId: bob.accessKeyId,
      kind: 'config',
    });

    const result = await importLegacy();
    expect(result.arn).toBe(`arn:aws:iam::${f.sandbox.accountId}:user/bob`);
    expect(read(files.config)).toBe(
      [
        '[default]',
        'region = us-west-2',
        '',
        '[profile legacy]',
        '# Keyward added the credential_process line below. "keyward cli remove --profile legacy" removes them.',
        'credential_process = "/usr/local/bin/keyward" credential-process --profile legacy',
        'region = eu-west-1',
        'output = json',
        '',
      ].join('\n'),
    );
    expect(findSecrets(filesBelow(files.dir), [bob.secretAccessKey])).toEqual([]);
    expect(read(`${files.config}.keyward-backup`)).toContain(bob.accessKeyId);
    expect(await f.profiles.require('legacy')).toMatchObject({
      accessKeyId: bob.accessKeyId,
      secretAccessKey: bob.secretAccessKey,
      userName: 'bob',
      accountId: f.sandbox.accountId,
    });
  });

  it('refuses a key AWS does not accept, and changes nothing', async () => {
    const credentials = `[legacy]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = ${'a'.repeat(40)}\n`;
    writeFileSync(files.credentials, credentials);
    const error = await refusal(importLegacy());
    expect(error.code).toBe('key-not-working');
    expect(read(files.credentials)).toBe(credentials);
    expect(filesBelow(files.dir)).toEqual([files.credentials]);
    expect(await f.profiles.get('legacy')).toBeNull();
  });

  it('refuses temporary credentials, which would expire in the keychain', async () => {
    writeFileSync(
      files.credentials,
      `[legacy]\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_secret_access_key = ${'a'.repeat(40)}\naws_session_token = abc\n`,
    );
    expect((await refusal(importLegacy())).code).toBe('invalid-input');
  });

  it('will not replace a different key already kept under that name', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    writeFileSync(
      files.credentials,
      `[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );
    await f.profiles.put('legacy', {
      ...f.sandbox.credentialsFor('alice'),
      userName: 'alice',
      accountId: f.sandbox.accountId,
      created: '',
      description: null,
    });
    expect((await refusal(importLegacy())).code).toBe('conflict');
    expect(read(files.credentials)).toContain(bob.secretAccessKey);
  });

  it('will not keep a second copy of a key already kept under another name', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    const credentials = `[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`;
    writeFileSync(files.credentials, credentials);
    await f.profiles.put('bob-ci', {
      ...bob,
      userName: 'bob',
      accountId: f.sandbox.accountId,
      created: '',
      description: null,
    });
    const error = await refusal(importLegacy());
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      `The key ${bob.accessKeyId} is already kept in the keychain as “bob-ci”, so Keyward left ${files.credentials} as it was.`,
    );
    expect(error.hint).toMatch(/Use “bob-ci”/);
    expect(read(files.credentials)).toBe(credentials);
    expect(filesBelow(files.dir)).toEqual([files.credentials]);
    expect(await f.profiles.get('legacy')).toBeNull();
    expect(f.sandbox.stats.calls('GetCallerIdentity')).toBe(0);
  });

  it('finishes an import that stopped after the keychain, when run again', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    writeFileSync(
      files.credentials,
      `# work\n[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\nregion = eu-west-1\n`,
    );
    await f.profiles.put('legacy', {
      ...bob,
      userName: 'bob',
      accountId: f.sandbox.accountId,
      created: '',
      description: null,
    });
    await importLegacy();
    // Other settings in the section stay; only the key's lines go.
    expect(read(files.credentials)).toBe('# work\n[legacy]\nregion = eu-west-1\n');
    expect(read(`${files.credentials}.keyward-backup`)).toBe(
      `# work\n[legacy]\naws_access_key_id = ${bob.accessKeyId}\n# aws_secret_access_key moved to the OS keychain by Keyward\nregion = eu-west-1\n`,
    );
  });
});
