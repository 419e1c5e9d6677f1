import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestPlatform } from '../../../testing/test-platform';
import { createCore } from '../compose';
import type { Core } from '../compose';
import { ProfileStore } from '../vault/profile-store';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { filesBelow, findSecrets } from '../../../testing/core/leak-scan';
import { KeytarStore } from '../vault/keytar-store';
import type { HandoffDesk } from './handoff-desk';

let admin: KeywardFixture;
let staff: {
  core: Core;
  desk: HandoffDesk;
  profiles: ProfileStore;
  platform: TestPlatform;
  store: KeytarStore;
};

beforeEach(async () => {
  admin = await startKeyward();
  await admin.signInAs('admin');
  // A colleague's computer: its own data folder and its own keychain entries.
  const platform = new TestPlatform();
  const store = new KeytarStore({
    os: platform.os,
    service: `Keyward-test-staff-${randomBytes(4).toString('hex')}`,
  });
  const core = createCore(platform, store, { newKeyPatienceMs: 1500 });
  await core.settings.update({ endpoint: admin.sandbox.endpoint });
  staff = { core, desk: core.handoff, profiles: new ProfileStore(store), platform, store };
});

afterEach(async () => {
  for (const account of await staff.store.list()) await staff.store.delete(account);
  await staff.core.shutdown();
  await admin.close();
});

/** A new key of alice's, sealed by the admin to the colleague's receiving code and saved. */
async function aliceSealedToStaff(): Promise<{ accessKeyId: string; file: string }> {
  const created = await admin.core.newKeys.create('alice', null);
  const file = path.join(admin.platform.dataDir(), 'alice.keyward');
  admin.platform.answerNextSave(file);
  await admin.core.handoff.save(created.handle, {
    kind: 'recipients',
    codes: [await staff.desk.receivingCode()],
  });
  await admin.core.newKeys.finish(created.handle, false);
  return { accessKeyId: created.accessKeyId, file };
}

/** The colleague opens `file` and unlocks it; the token to claim its keys with. */
async function unlockedOnStaff(file: string): Promise<string> {
  staff.platform.answerNextOpen(file);
  const opened = await staff.desk.open({ kind: 'dialog' });
  await staff.desk.unlock(opened!.token, null);
  return opened!.token;
}

describe('handing a new key to a colleague', () => {
  it('an admin seals a key to the colleague’s receiving code; the colleague opens, checks and keeps it', async () => {
    const code = await staff.desk.receivingCode();
    expect(code).toMatch(/^age1[0-9a-z]{58}$/);
    const created = await admin.core.newKeys.create('alice', 'Handed over');
    const adminDesk = admin.core.handoff;
    const file = path.join(admin.platform.dataDir(), 'alice_accessKeys.keyward');
    admin.platform.answerNextSave(file);
    const saved = await adminDesk.save(created.handle, { kind: 'recipients', codes: [code] });
    expect(saved).toEqual({ path: file, passphrase: null });
    expect(admin.platform.dialogs.save[0]?.defaultName).toBe('alice_accessKeys.keyward');
    expect(admin.core.newKeys.held()[0]?.securedBy).toEqual(['handoff']);
    await admin.core.newKeys.finish(created.handle, false);

    staff.platform.answerNextOpen(file);
    const opened = await staff.desk.open({ kind: 'dialog' });
    expect(opened).toMatchObject({ fileName: 'alice_accessKeys.keyward', lock: 'recipients' });
    const unlocked = await staff.desk.unlock(opened!.token, null);
    expect(unlocked.keys).toEqual([
      {
        accessKeyId: created.accessKeyId,
        userName: 'alice',
        accountId: admin.sandbox.accountId,
        description: 'Handed over',
        created: created.created,
      },
    ]);
    expect(JSON.stringify(unlocked)).not.toMatch(/[A-Za-z0-9/+]{40}/);
    const claimed = await staff.desk.claim(opened!.token, 0, 'work', false);
    expect(claimed.verified).toEqual({
      arn: `arn:aws:iam::${admin.sandbox.accountId}:user/alice`,
      accountId: admin.sandbox.accountId,
      userName: 'alice',
    });
    expect(claimed.profile).toMatchObject({
      name: 'work',
      accessKeyId: created.accessKeyId,
      userName: 'alice',
    });
    const secret = admin.sandbox.state.accessKeys.get(created.accessKeyId)!.secretAccessKey;
    expect((await staff.profiles.get('work'))?.secretAccessKey).toBe(secret);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(
      findSecrets(
        [...filesBelow(admin.platform.dataDir()), ...filesBelow(staff.platform.dataDir())],
        [secret],
      ),
    ).toEqual([]);
  });

  it('a passphrase file is generated, shown once, and opens only with that passphrase', async () => {
    const created = await admin.core.newKeys.create('alice', null);
    const file = path.join(admin.platform.dataDir(), 'alice.keyward');
    admin.platform.answerNextSave(file);
    const saved = await admin.core.handoff.save(created.handle, {
      kind: 'passphrase',
      passphrase: null,
    });
    expect(saved?.passphrase?.split('-').length).toBeGreaterThanOrEqual(6);

    const opened = await staff.desk.open({
      kind: 'bytes',
      name: 'alice.keyward',
      base64: readFileSync(file).toString('base64'),
    });
    expect(opened?.lock).toBe('passphrase');
    await expect(
      staff.desk.unlock(opened!.token, 'wrong-horse-battery-staple-ok-no'),
    ).rejects.toMatchObject({ code: 'handoff-wrong-key' });
    const unlocked = await staff.desk.unlock(opened!.token, saved!.passphrase);
    expect(unlocked.keys[0]?.accessKeyId).toBe(created.accessKeyId);
    await admin.core.newKeys.finish(created.handle, false);
  }, 30_000);

  it('a folder that cannot be written gives a clear error, and the new key is still there', async () => {
    const created = await admin.core.newKeys.create('alice', null);
    // Not even root may create files in /proc: a stand-in for a read-only or full folder.
    admin.platform.answerNextSave('/proc/keyward-test/alice.keyward');
    const desk = admin.core.handoff;
    await expect(
      desk.save(created.handle, { kind: 'recipients', codes: [await staff.desk.receivingCode()] }),
    ).rejects.toMatchObject({
      message: 'Keyward could not save the key file in that folder.',
      hint: expect.stringContaining('The new key is still here') as string,
    });
    expect(admin.core.newKeys.held()[0]?.securedBy).toEqual([]);
    expect(await admin.core.newKeys.reveal(created.handle)).toMatch(/^[A-Za-z0-9/+]{40}$/);
    await admin.core.newKeys.finish(created.handle, true);
  });

  it('a cancelled save dialog leaves the secret unsecured', async () => {
    const created = await admin.core.newKeys.create('alice', null);
    admin.platform.answerNextSave(null);
    expect(
      await admin.core.handoff.save(created.handle, {
        kind: 'recipients',
        codes: [await staff.desk.receivingCode()],
      }),
    ).toBeNull();
    await expect(admin.core.newKeys.finish(created.handle, false)).rejects.toMatchObject({
      code: 'secret-not-secured',
    });
    await admin.core.newKeys.finish(created.handle, true);
  });

  it('a key that no longer works is reported and kept only when the person insists', async () => {
    const { accessKeyId, file } = await aliceSealedToStaff();
    await admin.core.keyAdmin.deleteKey('alice', accessKeyId, true);

    const token = await unlockedOnStaff(file);
    const refused = staff.desk.claim(token, 0, 'work', false);
    await expect(refused).rejects.toMatchObject({ code: 'key-not-working' });
    expect(await staff.profiles.get('work')).toBeNull();
    const kept = await staff.desk.claim(token, 0, 'work', true);
    expect(kept.verified).toBeNull();
    expect(await staff.profiles.get('work')).not.toBeNull();
  }, 30_000);

  it('a key already kept on this computer is not kept a second time under another name', async () => {
    const { file } = await aliceSealedToStaff();
    const receive = async (name: string) =>
      staff.desk.claim(await unlockedOnStaff(file), 0, name, true);
    await receive('work');
    await expect(receive('work-again')).rejects.toMatchObject({
      code: 'conflict',
      message: 'This key is already kept as “work”.',
    });
    expect((await staff.profiles.list()).map((profile) => profile.name)).toEqual(['work']);
  });

  it('a name starting with a dash is refused before anything is kept', async () => {
    const { file } = await aliceSealedToStaff();
    const token = await unlockedOnStaff(file);
    await expect(staff.desk.claim(token, 0, '--help', true)).rejects.toMatchObject({
      code: 'invalid-input',
      hint: expect.stringMatching(/not start with a dash/) as string,
    });
    expect(await staff.profiles.list()).toEqual([]);
  });

  it('a folder or a named pipe chosen in the dialog or launched with is refused at once', async () => {
    const folder = staff.platform.dataDir();
    const pipe = path.join(folder, 'pipe.keyward');
    execFileSync('mkfifo', [pipe]);
    staff.platform.answerNextOpen(folder);
    await expect(staff.desk.open({ kind: 'dialog' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/is a folder, not a key file\.$/) as string,
      hint: 'Choose the .keyward file you were sent.',
    });
    const launched = createCore(staff.platform, staff.store, { launchFile: pipe });
    await expect(launched.handoff.open({ kind: 'launch' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/is a named pipe, not a key file\.$/) as string,
    });
  });
});
