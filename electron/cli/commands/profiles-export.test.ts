import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoffIdentityAccount, getReceivingCode } from '../../core/handoff/device-identity';
import { KeytarStore } from '../../core/vault/keytar-store';
import { filesBelow, findSecrets } from '../../../testing/core/leak-scan';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import {
  ageDecryptWithIdentity,
  ageDecryptWithPassphrase,
} from '../../../testing/core/handoff/age-cli';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';
import { expectOneLineError } from '../../../testing/cli/cli-expect';

const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;
let dir: string;
let out: string;
let secret: string;
/** The other computer's keychain, holding its receiving identity. */
const otherKeychain = new KeytarStore({
  os: process.platform,
  service: `Keyward-test-export-${randomBytes(4).toString('hex')}`,
});

beforeEach(async () => {
  env = cliEnvironment(f);
  await storeAliceAsWork(f);
  secret = f.sandbox.credentialsFor('alice').secretAccessKey;
  dir = mkdtempSync(path.join(tmpdir(), 'keyward-export-'));
  out = path.join(dir, 'work.keyward');
});

afterEach(async () => {
  for (const account of await otherKeychain.list()) await otherKeychain.delete(account);
});

/** Nothing but the sealed file holds the secret: output, the data folder, the rest of `dir`. */
function expectSecretOnlyInFile(outcome: { stdout: string; stderr: string }): void {
  expect(outcome.stdout + outcome.stderr).not.toContain(secret);
  expect(findSecrets(filesBelow(f.platform.dataDir()), [secret])).toEqual([]);
  expect(findSecrets(filesBelow(dir), [secret])).toEqual([]);
}

describe('keyward profiles export', () => {
  it('seals a kept key to another computer’s receiving code, which age opens', async () => {
    const code = await getReceivingCode(otherKeychain);
    const exported = await keyward(env, [
      'profiles',
      'export',
      '--profile',
      'work',
      '--seal-to',
      code,
      '--out',
      out,
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(
      `Sealed "work" (${f.sandbox.credentialsFor('alice').accessKeyId}) to the receiving code in ${out}. Open it with Keyward on your other computer.\n`,
    );
    expectSecretOnlyInFile(exported);
    const identity = path.join(dir, 'identity.txt');
    writeFileSync(identity, `${(await otherKeychain.get(handoffIdentityAccount)) ?? ''}\n`, {
      mode: 0o600,
    });
    expect(await ageDecryptWithIdentity(readFileSync(out, 'utf8'), identity)).toContain(secret);
    const [entry] = await f.core.activity.recent(1);
    expect(entry?.action).toBe('key.sent-to-other-computer');
  });

  it('with --passphrase prints the generated passphrase once; --passphrase-stdin takes one', async () => {
    const generated = await keyward(env, [
      'profiles',
      'export',
      '--profile',
      'work',
      '--passphrase',
      '--out',
      out,
      '--json',
    ]);
    expect(generated.code).toBe(0);
    const { passphrase, file } = JSON.parse(generated.stdout) as {
      passphrase: string;
      file: string;
    };
    expect(file).toBe(out);
    expect(passphrase.split('-').length).toBeGreaterThanOrEqual(6);
    expectSecretOnlyInFile(generated);
    expect(await ageDecryptWithPassphrase(out, passphrase)).toContain(secret);

    const typed = 'correct-horse-battery-staple-violet-anchor-9';
    const second = path.join(dir, 'again.keyward');
    const fromStdin = await keyward(
      env,
      ['profiles', 'export', '--profile', 'work', '--passphrase-stdin', '--out', second],
      `${typed}\n`,
    );
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).not.toContain(typed);
    expect(await ageDecryptWithPassphrase(second, typed)).toContain(secret);
  }, 120_000);

  it('refuses a weak passphrase, an existing file, and a missing or doubled lock, writing nothing', async () => {
    const weak = await keyward(
      env,
      ['profiles', 'export', '--profile', 'work', '--passphrase-stdin', '--out', out],
      'password1\n',
    );
    expectOneLineError(weak, 2, /passphrase/i);
    writeFileSync(path.join(dir, 'taken.keyward'), 'mine');
    expectOneLineError(
      await keyward(env, [
        'profiles',
        'export',
        '--profile',
        'work',
        '--passphrase',
        '--out',
        path.join(dir, 'taken.keyward'),
      ]),
      1,
      /already exists/,
    );
    const none = await keyward(env, ['profiles', 'export', '--profile', 'work', '--out', out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--seal-to, --passphrase or --passphrase-stdin/);
    expect(existsSync(out)).toBe(false);
  });
});
