import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { log } from '../log';
import type { SecretStore } from '../vault/secret-store';
import { HandoffError } from './handoff-error';

/**
 * This installation's hand-off identity: an age X25519 key pair whose secret half lives only in the
 * OS keychain. Its public half is the "receiving code" (`age1…`) a colleague seals keys to.
 *
 * X25519 rather than age's post-quantum hybrid, because the age releases people have installed
 * (Debian ships 1.1) cannot open hybrid files, and files should stay readable with `age -d`.
 */

/** The keychain account holding the identity. Key listings must skip it: it is not an AWS key. */
export const handoffIdentityAccount = 'handoff-identity';

const identityShape = /^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/;

/** Creating the identity twice at once would leave one caller showing a code that is not kept. */
const pending = new WeakMap<SecretStore, Promise<string>>();

/**
 * The identity if this device has one, without creating it: opening a file must change nothing.
 * A damaged entry is reported, never replaced, because files sealed to it would be lost.
 */
export async function readDeviceIdentity(store: SecretStore): Promise<string | null> {
  const identity = await store.get(handoffIdentityAccount);
  if (identity === null) return null;
  if (!identityShape.test(identity)) throw new HandoffError('identity-unreadable');
  return identity;
}

/** The identity, created and kept in the keychain on first use. */
export function ensureDeviceIdentity(store: SecretStore): Promise<string> {
  let inFlight = pending.get(store);
  if (!inFlight) {
    inFlight = readOrCreate(store).finally(() => pending.delete(store));
    pending.set(store, inFlight);
  }
  return inFlight;
}

async function readOrCreate(store: SecretStore): Promise<string> {
  const existing = await readDeviceIdentity(store);
  if (existing !== null) return existing;
  await store.set(handoffIdentityAccount, await generateX25519Identity());
  // Read back what the keychain kept, so that if another Keyward process raced us, both report
  // the identity that was stored last rather than one that was overwritten.
  const stored = await readDeviceIdentity(store);
  if (stored === null) throw new HandoffError('identity-unreadable');
  log('handoff', 'created this device’s hand-off identity');
  return stored;
}

/** This device's receiving code (`age1…`), safe to show, copy and send to anyone. */
export async function getReceivingCode(store: SecretStore): Promise<string> {
  const identity = await ensureDeviceIdentity(store);
  try {
    return await identityToRecipient(identity);
  } catch (error) {
    throw new HandoffError('identity-unreadable', undefined, { cause: error });
  }
}
