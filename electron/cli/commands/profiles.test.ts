import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { RotationStates } from '../../core/rotation/rotation-state';
import { rotationOf, storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';

const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  env = cliEnvironment(f);
  await storeAliceAsWork(f);
});

// The command line's door to the removal the window uses too (Keyward.removeStoredProfile).
describe('keyward profiles remove', () => {
  it('refuses while a rotation of the key is unfinished, without asking first', async () => {
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    await expect(rotationOf(f.core).rotate('work', { graceDays: 0 })).rejects.toThrow();
    const outcome = await keyward(env, ['profiles', 'remove', '--profile', 'work']);
    expect(outcome.code).toBe(7);
    expect(outcome.stderr).toMatch(/unfinished.*cannot be removed yet/);
    expect(outcome.stderr).toContain('keyward keys rotate --profile work --resume');
    expect(await f.profiles.get('work')).not.toBeNull();
  });

  it('takes the AWS CLI set-up and a retired old key’s record with the key', async () => {
    expect((await keyward(env, ['cli', 'setup', '--profile', 'work'])).code).toBe(0);
    await rotationOf(f.core).rotate('work', { graceDays: 7 });
    const removed = await keyward(env, ['profiles', 'remove', '--profile', 'work', '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^Removed "work" from this computer and from .*config\./);
    expect(await f.profiles.get('work')).toBeNull();
    expect(readFileSync(env['AWS_CONFIG_FILE'] ?? '', 'utf8')).not.toContain('[profile work]');
    expect(await new RotationStates(f.platform.dataDir()).read('work')).toBeNull();
  });
});

describe('keyward profiles import', () => {
  it('refuses a plaintext key already kept under another name, leaving the file as it was', async () => {
    const alice = f.sandbox.credentialsFor('alice');
    const file = env['AWS_SHARED_CREDENTIALS_FILE'] ?? '';
    const credentials = `[legacy]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, credentials);
    const outcome = await keyward(env, ['profiles', 'import', '--profile', 'legacy', '--yes']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(
      /^keyward: The key AKIA\w+ is already kept in the keychain as “work”[^\n]*\n$/,
    );
    expect(readFileSync(file, 'utf8')).toBe(credentials);
    expect(await f.profiles.get('legacy')).toBeNull();
  });
});

/** Writes a keychain entry as another program would: libsecret's own `secret-tool`. */
async function writeRawEntry(account: string, text: string): Promise<void> {
  const child = promisify(execFile)('secret-tool', [
    'store',
    '--label=damaged by a test',
    'service',
    f.store.service,
    'account',
    account,
    // keytar's entries carry libsecret's generic schema; without it keytar does not find them.
    'xdg:schema',
    'org.freedesktop.Secret.Generic',
  ]);
  child.child.stdin?.end(text);
  await child;
}

describe('a damaged keychain entry in the command line', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYDAMAGEDKEY';

  it('is listed as DAMAGED (a damaged field in --json), never with its contents', async () => {
    await writeRawEntry('profile:broken', `{"secretAccessKey": "${secret}"`);
    await writeRawEntry('session:work', '{}');
    const listed = await keyward(env, ['profiles', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^work\s+AKIA/m);
    expect(listed.stdout).toMatch(
      /^DAMAGED\s+broken: it is not readable as a Keyward key\. Remove it: keyward profiles remove --profile broken --yes$/m,
    );
    expect(listed.stdout).not.toMatch(/session/);
    const json = await keyward(env, ['profiles', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ name: 'work', damaged: null }),
      { name: 'broken', damaged: 'it is not readable as a Keyward key' },
    ]);
    for (const outcome of [listed, json])
      expect(outcome.stdout + outcome.stderr).not.toContain(secret);
  });

  it('is removed with profiles remove --yes, after saying what it removes', async () => {
    await writeRawEntry('profile:broken', JSON.stringify({ secretAccessKey: secret }));
    const asked = await keyward(env, ['profiles', 'remove', '--profile', 'broken']);
    expect(asked.code).toBe(5);
    expect(asked.stderr).toContain('damaged');
    const removed = await keyward(env, ['profiles', 'remove', '--profile', 'broken', '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(
      'Removed the damaged keychain entry "broken" from this computer. Keep the key again if you still need it.\n',
    );
    expect(await f.store.get('profile:broken')).toBeNull();
    expect(await f.profiles.get('work')).not.toBeNull();
    const listed = await keyward(env, ['profiles', 'list']);
    expect(listed.stdout).not.toContain('DAMAGED');
    expect(removed.stdout + removed.stderr + asked.stderr).not.toContain(secret);
  });
});
