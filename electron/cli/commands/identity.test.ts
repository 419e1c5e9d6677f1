import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCli, keyward } from '../../../testing/cli/cli-harness';
import { adminCliForEachTest, asAdmin, expectOneLineError } from '../../../testing/cli/cli-expect';
import { ageDecryptWithIdentity } from '../../../testing/core/handoff/age-cli';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { MemoryStore } from '../../../testing/memory-store';
import { codeFingerprint } from '../../core/directory/fingerprint';
import { getReceivingCode, handoffIdentityAccount } from '../../core/handoff/device-identity';

// `keyward identity publish/unpublish` and `keys create --seal-to-published`, against the IAM
// sandbox, with Debian's AWS CLI and the reference age tool checking what they did.
const { f, env } = adminCliForEachTest();

const asAlice = ['--profile', 'alice'];
const home = () => env()['HOME'] ?? '';
/** `aws iam list-user-tags` as the admin, with Debian's AWS CLI. */
async function tagsSeenByAwsCli(userName: string): Promise<{ Key: string; Value: string }[]> {
  const admin = f.sandbox.admin;
  const listed = await awsCli(
    {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    f.sandbox.endpoint,
    'iam',
    'list-user-tags',
    '--user-name',
    userName,
  );
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as { Tags: { Key: string; Value: string }[] }).Tags;
}

const createFor = (user: string, out: string, ...extra: string[]) =>
  keyward(env(), [
    'keys',
    'create',
    '--user',
    user,
    '--seal-to-published',
    '--out',
    out,
    ...extra,
    ...asAdmin,
  ]);

describe('keyward identity publish / unpublish', () => {
  it('puts this computer’s code on the person’s own user and prints its check words', async () => {
    await keepKeyOf(f, 'alice', 'alice');
    const code = await f.core.handoff.receivingCode();
    const words = codeFingerprint(code).join(' ');

    const published = await keyward(env(), ['identity', 'publish', ...asAlice]);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('shared on your IAM user alice');
    expect(published.stdout).toContain(`Its check words: ${words}\n`);
    expect(await tagsSeenByAwsCli('alice')).toContainEqual({
      Key: 'keyward:receiving-code',
      Value: code,
    });

    const json = await keyward(env(), ['identity', 'publish', ...asAlice, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      userName: 'alice',
      receivingCode: code,
      checkWords: codeFingerprint(code),
    });

    const unpublished = await keyward(env(), ['identity', 'unpublish', ...asAlice]);
    expect(unpublished.code).toBe(0);
    expect(unpublished.stdout).toContain('no longer shared');
    expect((await tagsSeenByAwsCli('alice')).map((tag) => tag.Key)).not.toContain(
      'keyward:receiving-code',
    );
  });

  it('needs a sign-in', async () => {
    const outcome = await keyward(env(), ['identity', 'publish', '--profile', 'nobody-here']);
    expect(outcome.code).not.toBe(0);
    expect(f.sandbox.stats.calls('TagUser')).toBe(0);
  });
});

describe('keyward keys create --seal-to-published', () => {
  it('seals to the published code, shows its check words, and age opens the file with that identity', async () => {
    await keepKeyOf(f, 'alice', 'alice');
    expect((await keyward(env(), ['identity', 'publish', ...asAlice])).code).toBe(0);
    const code = await f.core.handoff.receivingCode();
    const file = path.join(home(), 'alice.keyward');

    const created = await createFor('alice', file);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(
      `alice’s receiving code check words: ${codeFingerprint(code).join(' ')}. Ask alice to read their check words from their Keyward before you send the file.`,
    );
    expect(created.stdout).toMatch(/^Created (AKIA\w+) for alice; sealed to 1 receiving code in/);
    const accessKeyId = /^Created (AKIA\w+)/.exec(created.stdout)?.[1] ?? '';

    const identityFile = path.join(home(), 'identity.txt');
    writeFileSync(identityFile, `${(await f.store.get(handoffIdentityAccount)) ?? ''}\n`, {
      mode: 0o600,
    });
    const plaintext = await ageDecryptWithIdentity(readFileSync(file, 'latin1'), identityFile);
    rmSync(identityFile);
    expect(plaintext).toContain(accessKeyId);
    expect(plaintext).toContain(f.sandbox.state.accessKeys.get(accessKeyId)?.secretAccessKey);
  });

  it('with --json, carries the check words the person reads from their Keyward', async () => {
    await keepKeyOf(f, 'alice', 'alice');
    const published = await keyward(env(), ['identity', 'publish', ...asAlice, '--json']);
    const { checkWords } = JSON.parse(published.stdout) as { checkWords: string[] };
    const file = path.join(home(), 'alice.keyward');

    const created = await createFor('alice', file, '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      userName: 'alice',
      file,
      checkWords,
    });
    expect(checkWords).toEqual(codeFingerprint(await f.core.handoff.receivingCode()));
  });

  it('refuses a code that changed since the admin last sealed to one, unless told --yes', async () => {
    await keepKeyOf(f, 'alice', 'alice');
    await keyward(env(), ['identity', 'publish', ...asAlice]);
    const first = await createFor('alice', path.join(home(), 'first.keyward'));
    expect(first.code, first.stderr).toBe(0);
    const firstKey = /^Created (AKIA\w+)/.exec(first.stdout)?.[1] ?? '';
    // Someone (or a new computer of alice's) put another code on her user.
    const other = await getReceivingCode(new MemoryStore());
    const user = f.sandbox.state.findUser('alice');
    if (!user) throw new Error('no alice');
    user.tags = user.tags.map((tag) =>
      tag.Key === 'keyward:receiving-code' ? { ...tag, Value: other } : tag,
    );
    const keysBefore = f.sandbox.state.keysOf('alice').length;
    const second = path.join(home(), 'second.keyward');

    const refused = await createFor('alice', second);
    expectOneLineError(
      refused,
      5,
      new RegExp(
        `alice’s receiving code changed since you last sealed a key to it \\(check words now: ${codeFingerprint(other).join(' ')}\\)\\. Ask alice to read`,
      ),
    );
    expect(f.sandbox.state.keysOf('alice')).toHaveLength(keysBefore);
    expect(existsSync(second)).toBe(false);

    // Room for a new key, then sealing with --yes goes on and remembers the new code.
    await keyward(env(), [
      'keys',
      'delete',
      '--user',
      'alice',
      '--key',
      firstKey,
      '--yes',
      ...asAdmin,
    ]);
    const sealed = await createFor('alice', second, '--yes');
    expect(sealed.code, sealed.stderr).toBe(0);
    expect(sealed.stderr).toContain(codeFingerprint(other).join(' '));
    await f.core.session.signIn({ kind: 'stored-key', profile: 'admin' });
    expect(await f.core.directory.lookup('alice')).toMatchObject({
      code: other,
      changedSinceLastUse: false,
    });
  });

  it('without a published code: a one-line error pointing to --seal-to CODE, and no key made', async () => {
    const file = path.join(home(), 'bob.keyward');
    const outcome = await createFor('nobody', file);
    expectOneLineError(
      outcome,
      4,
      /nobody has not shared a receiving code in AWS\. Ask nobody for their receiving code and use --seal-to CODE instead\./,
    );
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a published tag that is not a receiving code, before making a key', async () => {
    const user = f.sandbox.state.findUser('nobody');
    if (!user) throw new Error('no nobody');
    user.tags = [...user.tags, { Key: 'keyward:receiving-code', Value: 'age1garbage' }];
    const outcome = await createFor('nobody', path.join(home(), 'x.keyward'));
    expectOneLineError(outcome, 2, /is not a valid receiving code, so Keyward will not seal/);
    expect(outcome.stderr).not.toContain('age1garbage');
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(0);
  });

  it('is one of the ways to keep the secret, not to be combined with another', async () => {
    const outcome = await keyward(env(), [
      'keys',
      'create',
      '--user',
      'alice',
      '--seal-to-published',
      '--passphrase',
      '--out',
      path.join(home(), 'x'),
    ]);
    expectOneLineError(outcome, 2, /Choose exactly one of --seal-to, --seal-to-published/);
  });
});
