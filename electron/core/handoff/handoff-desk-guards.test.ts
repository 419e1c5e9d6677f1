import { Encrypter, armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { sampleKey } from '../../../testing/core/handoff/sample-keys';
import { formatHandoffCsv } from './handoff-csv';
import type { HandoffKey } from './handoff-csv';
import { HandoffDesk } from './handoff-desk';
import { sealHandoff } from './handoff-file';
import { windowCall } from '../../../testing/core/window-door';

const f = keywardForEachTest();

/** A key file sealed to this computer's receiving code, opened and unlocked on its desk. */
async function openSealed(keys: HandoffKey[], desk: HandoffDesk = f.core.handoff) {
  const file = await sealHandoff(keys, {
    kind: 'recipients',
    codes: [await desk.receivingCode()],
  });
  const opened = await desk.open({
    kind: 'bytes',
    name: 'alice_accessKeys.keyward',
    base64: Buffer.from(file).toString('base64'),
  });
  await desk.unlock(opened!.token, null);
  return opened!.token;
}

/** A new key of alice's, written into a key file with `changes` (as a sender might have). */
async function aliceKeyWith(changes: Partial<HandoffKey>): Promise<HandoffKey> {
  await f.signInAs('admin');
  const created = await f.core.newKeys.create('alice', null);
  const secret = await f.core.newKeys.reveal(created.handle);
  return {
    accessKeyId: created.accessKeyId,
    secretAccessKey: secret,
    userName: 'alice',
    accountId: created.accountId,
    description: '',
    created: created.created,
    ...changes,
  };
}

describe('claiming a key from a key file', () => {
  it('warns when AWS says the key belongs to another account than the file says, and keeps it only when the person insists', async () => {
    const key = await aliceKeyWith({ accountId: '999988887777' });
    const token = await openSealed([key]);
    const call = windowCall(f);
    const claim = { token, index: 0, profileName: 'work' };
    expect(await call('handoff.claim', claim)).toEqual({
      ok: false,
      error: {
        code: 'key-other-account',
        message: `This key belongs to AWS account ${f.sandbox.accountId}, but the key file says it is for account 999988887777.`,
        hint: 'The sender may have sent a key for another account than they meant to. Ask them before you keep it; you can still keep it if you are sure.',
        details: {
          otherAccount: { inFile: '999988887777', verified: f.sandbox.accountId },
        },
      },
    });
    expect(await f.profiles.get('work')).toBeNull();

    const kept = await call('handoff.claim', { ...claim, keepEvenIfOtherAccount: true });
    // What is kept is what AWS said, not what the file claimed.
    expect(kept).toMatchObject({
      ok: true,
      value: {
        profile: { accessKeyId: key.accessKeyId, accountId: f.sandbox.accountId },
        verified: { accountId: f.sandbox.accountId },
      },
    });
    expect((await f.profiles.require('work')).accountId).toBe(f.sandbox.accountId);
  });

  it('keeps a key whose account matches the file without asking', async () => {
    const key = await aliceKeyWith({});
    const token = await openSealed([key]);
    const kept = await f.core.handoff.claim(token, 0, 'work', false);
    expect(kept.profile.accountId).toBe(f.sandbox.accountId);
  });

  it('refuses a temporary (ASIA) key, which can never work without the session token a key file never holds, even when the person insists', async () => {
    const key = sampleKey({ accessKeyId: `ASIA${'Q'.repeat(16)}`, accountId: f.sandbox.accountId });
    const token = await openSealed([key]);
    const asked = f.sandbox.stats.calls('GetCallerIdentity');
    await expect(
      f.core.handoff.claim(token, 0, 'work', true, { keepEvenIfOtherAccount: true }),
    ).rejects.toMatchObject({
      code: 'handoff-invalid',
      message: `The key ${key.accessKeyId} in this file is a temporary key (it starts with ASIA), and a key file never holds the session token such a key needs, so it can never work.`,
      hint: 'Ask the sender for a long-term access key (one that starts with AKIA).',
    });
    expect(f.sandbox.stats.calls('GetCallerIdentity')).toBe(asked);
    expect(await f.profiles.list()).toEqual([]);
  });
});

describe('opened key files', () => {
  it('are forgotten 10 minutes after they were opened', async () => {
    let now = Date.parse('2025-06-01T09:00:00Z');
    const desk = new HandoffDesk(
      {
        platform: f.platform,
        secretStore: f.store,
        profiles: f.profiles,
        newKeys: f.core.newKeys,
        session: f.core.session,
        activity: f.core.activity,
        settings: f.core.settings,
      },
      { now: () => now, verifyPatienceMs: 1000 },
    );
    const key = await aliceKeyWith({});
    const kept = await openSealed([key], desk);
    const forgotten = await openSealed([key], desk);
    now += 10 * 60_000 - 1;
    await expect(desk.claim(kept, 0, 'work', false)).resolves.toMatchObject({
      profile: { name: 'work' },
    });
    now += 1;
    for (const step of [
      () => desk.unlock(forgotten, null),
      () => desk.claim(forgotten, 0, 'work-2', false),
    ]) {
      await expect(step()).rejects.toMatchObject({
        code: 'invalid-input',
        message:
          'This key file was closed 10 minutes after it was opened, so Keyward no longer holds what is inside.',
        hint: 'Open the key file again.',
      });
    }
  });

  it('are at most 16 at once: opening another forgets the oldest', async () => {
    const file = await sealHandoff([sampleKey()], {
      kind: 'recipients',
      codes: [await f.core.handoff.receivingCode()],
    });
    const base64 = Buffer.from(file).toString('base64');
    const tokens: string[] = [];
    for (let index = 0; index < 17; index++) {
      const opened = await f.core.handoff.open({ kind: 'bytes', name: 'a.keyward', base64 });
      tokens.push(opened!.token);
    }
    await expect(f.core.handoff.unlock(tokens[0]!, null)).rejects.toMatchObject({
      message: 'This key file is no longer open.',
    });
    await expect(f.core.handoff.unlock(tokens[1]!, null)).resolves.toMatchObject({
      keys: [{ userName: 'alice.example' }],
    });
  });

  it('are unlocked with a passphrase one at a time: a second unlock waits for the first', async () => {
    // scrypt's work factor is the file's choice: 2^18 takes 256 MiB and about a second, 2^10 none.
    const sealed = async (logN: number) => {
      const encrypter = new Encrypter();
      encrypter.setPassphrase('correct horse battery staple');
      encrypter.setScryptWorkFactor(logN);
      const csv = new TextEncoder().encode(formatHandoffCsv([sampleKey()]));
      const opened = await f.core.handoff.open({
        kind: 'bytes',
        name: `work-factor-${String(logN)}.keyward`,
        base64: Buffer.from(armor.encode(await encrypter.encrypt(csv))).toString('base64'),
      });
      return opened!.token;
    };
    const heavy = await sealed(18);
    const light = await sealed(10);
    const finished: string[] = [];
    const unlock = async (token: string, name: string) => {
      await f.core.handoff.unlock(token, 'correct horse battery staple');
      finished.push(name);
    };
    // Run side by side, the light one would finish long before the heavy one.
    await Promise.all([unlock(heavy, 'heavy'), unlock(light, 'light')]);
    expect(finished).toEqual(['heavy', 'light']);
  }, 60_000);
});
