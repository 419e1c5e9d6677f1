import { Encrypter, armor, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { KeytarStore } from '../vault/keytar-store';
import {
  ensureDeviceIdentity,
  getReceivingCode,
  handoffIdentityAccount,
  readDeviceIdentity,
} from './device-identity';
import { formatHandoffCsv } from './handoff-csv';
import { openHandoff, sealHandoff } from './handoff-file';
import { sampleKey } from '../../../testing/core/handoff/sample-keys';

// The real keychain (GNOME Keyring on the test D-Bus session), under a test-only service name.
const service = 'Keyward-test-handoff';
const store = new KeytarStore({ os: process.platform, service });

beforeEach(async () => {
  await store.delete(handoffIdentityAccount);
});
afterAll(async () => {
  await store.delete(handoffIdentityAccount);
});

describe("this device's hand-off identity", () => {
  it('is created on first use, kept in the keychain, and gives the same receiving code after', async () => {
    expect(await store.get(handoffIdentityAccount)).toBeNull();
    const first = await getReceivingCode(store);
    expect(first).toMatch(/^age1[a-z0-9]{58}$/);
    const kept = await store.get(handoffIdentityAccount);
    expect(kept).toMatch(/^AGE-SECRET-KEY-1[A-Z0-9]{58}$/);
    expect(await identityToRecipient(kept ?? '')).toBe(first);

    // A second Keyward (a fresh store object on the same keychain) shows the same code.
    const again = new KeytarStore({ os: process.platform, service });
    expect(await getReceivingCode(again)).toBe(first);
    expect(await store.list()).toEqual([handoffIdentityAccount]);
  });

  it('is created once even when several screens ask for the code at the same moment', async () => {
    const codes = await Promise.all([1, 2, 3, 4].map(() => getReceivingCode(store)));
    expect(new Set(codes).size).toBe(1);
    expect(await identityToRecipient((await store.get(handoffIdentityAccount)) ?? '')).toBe(
      codes[0],
    );
  });

  it('opens a hand-off sealed to its receiving code, through the real keychain', async () => {
    const key = sampleKey();
    const file = await sealHandoff([key], {
      kind: 'recipients',
      codes: [await getReceivingCode(store)],
    });
    expect(await openHandoff(file, { store })).toEqual({
      lock: 'recipients',
      contents: { layout: 'keyward', keys: [key] },
    });
  });

  it('is not created by opening a file, so a refused file changes nothing', async () => {
    const stranger = await identityToRecipient(await generateX25519Identity());
    const encrypter = new Encrypter();
    encrypter.addRecipient(stranger);
    const file = armor.encode(await encrypter.encrypt(formatHandoffCsv([sampleKey()])));
    await expect(openHandoff(file, { store })).rejects.toMatchObject({
      reason: 'sealed-to-another-device',
    });
    expect(await store.get(handoffIdentityAccount)).toBeNull();
  });

  it('is reported as damaged, and left untouched, when the keychain entry is not an identity', async () => {
    await store.set(handoffIdentityAccount, 'not an identity');
    await expect(getReceivingCode(store)).rejects.toMatchObject({ reason: 'identity-unreadable' });
    await expect(readDeviceIdentity(store)).rejects.toMatchObject({
      reason: 'identity-unreadable',
      code: 'vault-unavailable',
    });
    expect(await store.get(handoffIdentityAccount)).toBe('not an identity');
  });

  it('is the same identity that ensureDeviceIdentity returns', async () => {
    const identity = await ensureDeviceIdentity(store);
    expect(await readDeviceIdentity(store)).toBe(identity);
  });
});
