import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { MemoryStore } from '../../../testing/memory-store';
import { AppError } from '../errors';
import { effWords } from '../handoff/eff-wordlist';
import { getReceivingCode } from '../handoff/device-identity';
import { codeFingerprint } from './fingerprint';
import { receivingCodeTagKey, writeReceivingCodeTag } from './receiving-code-tag';

// The directory against the IAM sandbox and the real keychain: alice (self-service) publishes
// her computer's receiving code on her own user, the admin finds it.
const f = keywardForEachTest();

function tagsOf(userName: string) {
  return f.sandbox.state.findUser(userName)?.tags ?? [];
}

function setTag(userName: string, value: string): void {
  const user = f.sandbox.state.findUser(userName);
  if (!user) throw new Error(`no user ${userName}`);
  user.tags = [
    ...user.tags.filter((tag) => tag.Key !== receivingCodeTagKey),
    {
      Key: receivingCodeTagKey,
      Value: value,
    },
  ];
}

describe('check words', () => {
  it('are four words of the EFF list, the same for the same code and different for another', async () => {
    const code = await getReceivingCode(new MemoryStore());
    const other = await getReceivingCode(new MemoryStore());
    const words = codeFingerprint(code);
    expect(words).toHaveLength(4);
    for (const word of words) expect(effWords()).toContain(word);
    expect(codeFingerprint(code)).toEqual(words);
    expect(codeFingerprint(other)).not.toEqual(words);
  });

  it('stay the same from one version of Keyward to the next, so both ends read the same words', () => {
    // Pinned: the person's and the admin's Keyward may be different versions.
    expect(
      codeFingerprint('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p'),
    ).toEqual(pinnedWords);
  });
});

// Worked out apart from Keyward (Python's hashlib over the same list): SHA-256, four 32-bit words.
const pinnedWords = ['line', 'dividers', 'bonehead', 'avalanche'];

describe('publishing a receiving code', () => {
  it('puts this computer’s code on the person’s own user, where an admin finds the same code and words', async () => {
    await f.signInAs('alice');
    const mine = await f.core.handoff.receivingCode();
    const published = await f.core.directory.publish();
    expect(published).toEqual({ code: mine, fingerprint: codeFingerprint(mine) });
    expect(tagsOf('alice')).toContainEqual({ Key: 'keyward:receiving-code', Value: mine });
    expect(tagsOf('bob').some((tag) => tag.Key === receivingCodeTagKey)).toBe(false);

    await f.signInAs('admin');
    expect(await f.core.directory.lookup('alice')).toEqual({
      code: mine,
      fingerprint: published.fingerprint,
      changedSinceLastUse: false,
      lastUsedCode: null,
    });
    const history = await f.core.activity.read();
    expect(history).toContainEqual(
      expect.objectContaining({
        action: 'user.receiving-code-shared',
        userName: 'alice',
        detail: `check words: ${published.fingerprint.join(' ')}`,
      }),
    );
  });

  it('shows whether the person’s own user holds this computer’s code', async () => {
    await f.signInAs('alice');
    expect((await f.core.directory.mine()).published).toBe('not-shared');
    await f.core.directory.publish();
    const mine = await f.core.directory.mine();
    expect(mine).toMatchObject({ published: 'shared', userName: 'alice' });
    expect(mine.fingerprint).toEqual(codeFingerprint(mine.code));
    setTag('alice', await getReceivingCode(new MemoryStore()));
    expect((await f.core.directory.mine()).published).toBe('other');
    f.core.session.signOut();
    expect(await f.core.directory.mine()).toMatchObject({ published: 'unknown', userName: null });
  });

  it('unpublishing removes the tag: the admin then finds nothing', async () => {
    await f.signInAs('alice');
    await f.core.directory.publish();
    await f.core.directory.unpublish();
    expect(tagsOf('alice').some((tag) => tag.Key === receivingCodeTagKey)).toBe(false);
    // Key descriptions, also user tags, are left alone.
    expect(tagsOf('alice').length).toBeGreaterThan(0);
    await f.signInAs('admin');
    expect(await f.core.directory.lookup('alice')).toBeNull();
    expect((await f.core.activity.read()).map((entry) => entry.action)).toContain(
      'user.receiving-code-unshared',
    );
  });

  it('refuses to publish without a sign-in', async () => {
    await expect(f.core.directory.publish()).rejects.toMatchObject({ code: 'not-signed-in' });
  });
});

describe('an admin looking up a colleague’s code', () => {
  it('flags a code that changed since the admin last sealed a key to one', async () => {
    await f.signInAs('alice');
    const { code } = await f.core.directory.publish();
    await f.signInAs('admin');
    const before = await getReceivingCode(new MemoryStore());
    await f.core.directory.remember('alice', before);
    expect(await f.core.directory.lookup('alice')).toMatchObject({
      code,
      changedSinceLastUse: true,
      lastUsedCode: before,
    });
    await f.core.directory.remember('alice', code);
    expect(await f.core.directory.lookup('alice')).toMatchObject({
      changedSinceLastUse: false,
      lastUsedCode: code,
    });
    const file = path.join(f.platform.dataDir(), 'receiving-codes-used.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a tag that is not a receiving code, without repeating it', async () => {
    await f.signInAs('admin');
    for (const bad of [
      'age1notarealcode',
      'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ',
      '',
    ]) {
      setTag('bob', bad);
      const refusal = await f.core.directory.lookup('bob').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({
        code: 'invalid-recipient',
        message:
          'The receiving code bob shared in AWS is not a valid receiving code, so Keyward will not seal a key to it.',
      });
      if (bad !== '') expect(JSON.stringify(refusal)).not.toContain(bad);
    }
  });

  it('refuses to remember something that is not a receiving code', async () => {
    await f.signInAs('admin');
    await expect(f.core.directory.remember('bob', 'age1nope')).rejects.toMatchObject({
      code: 'invalid-recipient',
    });
  });

  it('answers null for someone who published nothing', async () => {
    await f.signInAs('admin');
    expect(await f.core.directory.lookup('bob')).toBeNull();
  });
});

describe('what a person may not do', () => {
  it('cannot put a code on someone else’s user: the sandbox refuses, in Keyward’s plain words', async () => {
    await f.signInAs('alice');
    const code = await f.core.handoff.receivingCode();
    const refusal = await writeReceivingCodeTag(
      f.core.session.signedIn().clients,
      'bob',
      code,
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: 'access-denied',
      hint: 'Ask your AWS administrator to allow "iam:TagUser" for you.',
    });
    expect((refusal as AppError).message).toMatch(/^AWS did not let you share your receiving code/);
    expect(tagsOf('bob').some((tag) => tag.Key === receivingCodeTagKey)).toBe(false);
  });

  it('cannot look up someone else’s code without the permission to read their tags', async () => {
    await f.signInAs('alice');
    await expect(f.core.directory.lookup('bob')).rejects.toMatchObject({ code: 'access-denied' });
    const permissions = await f.core.session.permissions();
    expect(permissions.others['iam:ListUserTags']).toBe('denied');
  });
});
