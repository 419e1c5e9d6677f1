import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../compose';
import type { Core } from '../compose';
import { handoffIdentityAccount } from '../handoff/device-identity';
import { setLogSink } from '../log';
import { KeytarStore } from './keytar-store';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { testCoreOptions } from '../../../testing/core/keyward-fixture';
import { filesBelow, findSecrets } from '../../../testing/core/leak-scan';
import { storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import {
  ageDecryptWithIdentity,
  ageDecryptWithPassphrase,
} from '../../../testing/core/handoff/age-cli';
import { TestPlatform } from '../../../testing/test-platform';

const f = keywardForEachTest();
let dir = '';
let file = '';
let secret = '';
const logged: string[] = [];

/** The person's other computer: a Keyward of its own (data folder, keychain), same AWS. */
let other: { core: Core; platform: TestPlatform; store: KeytarStore };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'keyward-send-'));
  file = path.join(dir, 'work.keyward');
  await storeAliceAsWork(f);
  secret = f.sandbox.credentialsFor('alice').secretAccessKey;
  const platform = new TestPlatform();
  const store = new KeytarStore({
    os: platform.os,
    service: `Keyward-test-other-${randomBytes(4).toString('hex')}`,
  });
  other = { core: createCore(platform, store, testCoreOptions), platform, store };
  await other.core.settings.update({ endpoint: f.sandbox.endpoint });
  logged.length = 0;
  setLogSink((line) => logged.push(line));
});

afterEach(async () => {
  await other.core.shutdown();
  for (const account of await other.store.list()) await other.store.delete(account);
  rmSync(dir, { recursive: true, force: true });
});

/** The other computer opens the file as its Receive screen does, and keeps the key as "work". */
async function receiveOnOther(passphrase: string | null) {
  other.platform.answerNextOpen(file);
  const opened = await other.core.handoff.open({ kind: 'dialog' });
  if (!opened) throw new Error('the other computer did not open the file');
  await other.core.handoff.unlock(opened.token, passphrase);
  return other.core.handoff.claim(opened.token, 0, 'work', false);
}

describe('sending a kept key to my other computer', () => {
  it('seals it to the other computer’s receiving code, where the key opens and works', async () => {
    const code = await other.core.handoff.receivingCode();
    f.platform.answerNextSave(file);
    const sent = await f.core.deviceKeys.sendToOtherComputer('work', {
      kind: 'recipients',
      codes: [code],
    });
    expect(sent).toEqual({ path: file, passphrase: null });
    expect(f.platform.dialogs.save.at(-1)?.defaultName).toBe('work.keyward');

    // The reference age tool opens it with the receiving identity.
    const identityFile = path.join(dir, 'identity.txt');
    writeFileSync(identityFile, `${(await other.store.get(handoffIdentityAccount)) ?? ''}\n`, {
      mode: 0o600,
    });
    const csv = await ageDecryptWithIdentity(readFileSync(file, 'utf8'), identityFile);
    expect(csv).toContain(secret);
    rmSync(identityFile);

    const claimed = await receiveOnOther(null);
    expect(claimed.verified?.userName).toBe('alice');
    expect((await other.core.deviceKeys.get('work'))?.secretAccessKey).toBe(secret);
    // The key stays kept here too: it was sent, not moved away.
    expect(await f.core.deviceKeys.get('work')).not.toBeNull();
  });

  it('locks it with a generated passphrase, shown once, that age and the other computer accept', async () => {
    f.platform.answerNextSave(file);
    const sent = await f.core.deviceKeys.sendToOtherComputer('work', {
      kind: 'passphrase',
      passphrase: null,
    });
    const passphrase = sent?.passphrase ?? '';
    expect(passphrase.split('-').length).toBeGreaterThanOrEqual(6);
    expect(await ageDecryptWithPassphrase(file, passphrase)).toContain(secret);
    expect((await receiveOnOther(passphrase)).profile.name).toBe('work');
    // Three passphrase derivations (sealing, age, the other computer) of up to 1 GiB each: slow
    // on a busy machine.
  }, 120_000);

  it('is recorded in the activity log, and the secret is nowhere but the sealed file', async () => {
    f.platform.answerNextSave(file);
    await f.core.deviceKeys.sendToOtherComputer('work', {
      kind: 'recipients',
      codes: [await other.core.handoff.receivingCode()],
    });
    const [entry] = await f.core.activity.recent(1);
    expect(entry).toMatchObject({
      action: 'key.sent-to-other-computer',
      userName: 'alice',
      accessKeyId: f.sandbox.credentialsFor('alice').accessKeyId,
      detail: 'work, sealed to a receiving code',
    });
    expect(findSecrets(filesBelow(f.platform.dataDir()), [secret])).toEqual([]);
    expect(findSecrets(filesBelow(dir), [secret])).toEqual([]);
    expect(logged.join('\n')).not.toContain(secret);
    expect(logged.join('\n')).toMatch(/sent .*AKIA…\w{4}/);
  });

  it('refuses a weak passphrase or a malformed receiving code before asking where to save', async () => {
    await expect(
      f.core.deviceKeys.sendToOtherComputer('work', {
        kind: 'passphrase',
        passphrase: 'password1',
      }),
    ).rejects.toMatchObject({ reason: 'weak-passphrase' });
    await expect(
      f.core.deviceKeys.sendToOtherComputer('work', { kind: 'recipients', codes: ['age1nope'] }),
    ).rejects.toThrow();
    expect(f.platform.dialogs.save).toEqual([]);
  });

  it('asks for Touch ID before the key leaves the keychain, and sends nothing when refused', async () => {
    f.platform.touchIdAvailable = true;
    f.platform.answerNextTouchId('refused');
    f.platform.answerNextSave(file);
    await expect(
      f.core.deviceKeys.sendToOtherComputer('work', { kind: 'passphrase', passphrase: null }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(f.platform.touchIdReasons).toEqual(['send your key “work” to another computer']);
    expect(f.platform.dialogs.save).toEqual([]);
    expect((await f.core.activity.recent(5)).map((e) => e.action)).not.toContain(
      'key.sent-to-other-computer',
    );
  });

  it('closing the save dialog sends nothing', async () => {
    f.platform.answerNextSave(null);
    expect(
      await f.core.deviceKeys.sendToOtherComputer('work', { kind: 'passphrase', passphrase: null }),
    ).toBeNull();
    expect((await f.core.activity.recent(5)).map((e) => e.action)).not.toContain(
      'key.sent-to-other-computer',
    );
  });
});
