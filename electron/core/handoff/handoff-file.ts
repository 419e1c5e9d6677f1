import { Decrypter, Encrypter, armor } from 'age-encryption';
import { log, maskKeyId } from '../log';
import type { SecretStore } from '../vault/secret-store';
import { maxHandoffFileBytes, readEnvelope } from './age-envelope';
import type { AgeEnvelope } from './age-envelope';
import { readDeviceIdentity } from './device-identity';
import { formatHandoffCsv, parseHandoffCsv } from './handoff-csv';
import type { HandoffContents, HandoffKey } from './handoff-csv';
import { HandoffError } from './handoff-error';
import { passphrasesToTry, typedPassphrase } from './passphrase';
import { decryptWithPassphrase, encryptWithPassphrase } from './passphrase-crypto';
import { parseReceivingCodes } from './receiving-codes';
import { RecordingIdentity } from './recording-identity';

/**
 * Hand-off files: age (C2SP age v1) files, ASCII-armored so they survive email and chat, holding
 * the CSV from handoff-csv.ts. Sealing and opening happen in main; the plaintext exists only in
 * memory, and decrypted output is used only after the whole file has authenticated.
 */

export type HandoffLock =
  { kind: 'passphrase'; passphrase: string } | { kind: 'recipients'; codes: readonly string[] };

export type HandoffInfo =
  | { lock: 'passphrase'; armored: boolean }
  | { lock: 'recipients'; armored: boolean; recipients: number };

export interface OpenedHandoff {
  lock: 'passphrase' | 'recipients';
  contents: HandoffContents;
}

export interface OpenHandoffOptions {
  /** Needed for passphrase files; ignored for recipient files. */
  passphrase?: string;
  /** Where this device's hand-off identity is kept. Opening never creates it. */
  store: SecretStore;
}

// "passphrase-locked", not "passphrase …": the log's redaction treats whatever follows the word
// passphrase as one.
const lockLabel = { passphrase: 'passphrase-locked', recipients: 'recipient-locked' } as const;

function maskedIds(keys: readonly { accessKeyId: string }[]): string {
  return keys.map((key) => maskKeyId(key.accessKeyId)).join(' ');
}

/**
 * Seals keys into an armored hand-off file. A passphrase below the strength bar and malformed
 * receiving codes are refused; a passphrase file's strength check and scrypt run in a worker thread.
 */
export async function sealHandoff(keys: readonly HandoffKey[], lock: HandoffLock): Promise<string> {
  const plaintext = new TextEncoder().encode(formatHandoffCsv(keys));
  let binary: Uint8Array;
  try {
    if (lock.kind === 'passphrase') {
      binary = await encryptWithPassphrase(plaintext, typedPassphrase(lock.passphrase));
    } else {
      const encrypter = new Encrypter();
      for (const code of parseReceivingCodes(lock.codes)) encrypter.addRecipient(code);
      binary = await encrypter.encrypt(plaintext);
    }
  } finally {
    plaintext.fill(0);
  }
  const file = armor.encode(binary);
  // The CSV limits keep files far below this; the check keeps "what we write, we can open" true.
  if (file.length > maxHandoffFileBytes) throw new HandoffError('invalid-key');
  log('handoff', `seal ${lockLabel[lock.kind]} ${maskedIds(keys)} ok`);
  return file;
}

/** Says how a file is locked, without decrypting it, so the UI knows whether to ask for a passphrase. */
export async function inspectHandoff(file: Uint8Array | string): Promise<HandoffInfo> {
  const { armored, lock } = await readEnvelopeLogged(file);
  return lock.kind === 'passphrase'
    ? { lock: 'passphrase', armored }
    : { lock: 'recipients', armored, recipients: lock.recipients };
}

export interface DecryptedHandoff {
  lock: 'passphrase' | 'recipients';
  /** The whole authenticated plaintext. The caller owns it and must zero it when done. */
  plaintext: Uint8Array;
}

/**
 * The decrypting half of openHandoff: checks the envelope, then decrypts with the passphrase or
 * this device's identity. Nothing is returned unless the whole file authenticated; every failure
 * is a HandoffError. The plaintext is not interpreted, so the C2SP age test vectors (whose payloads
 * are not hand-off CSVs) run through exactly the code that opens hand-off files.
 */
export async function decryptHandoff(
  file: Uint8Array | string,
  options: OpenHandoffOptions,
): Promise<DecryptedHandoff> {
  const envelope = await readEnvelopeLogged(file);
  try {
    const plaintext =
      envelope.lock.kind === 'passphrase'
        ? await openWithPassphrase(envelope, options.passphrase)
        : await openWithIdentity(envelope, options.store);
    return { lock: envelope.lock.kind, plaintext };
  } catch (error) {
    logOpenRefusal(error);
    throw error;
  }
}

/**
 * Opens a hand-off file (armored or binary) with a passphrase or this device's identity, and
 * returns the keys inside. Every failure is a HandoffError and leaves everything unchanged.
 */
export async function openHandoff(
  file: Uint8Array | string,
  options: OpenHandoffOptions,
): Promise<OpenedHandoff> {
  const { lock, plaintext } = await decryptHandoff(file, options);
  try {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    } catch (error) {
      throw new HandoffError(
        'invalid-contents',
        { message: 'This file opened, but what is inside is not text.' },
        { cause: error },
      );
    } finally {
      plaintext.fill(0);
    }
    const contents = parseHandoffCsv(text);
    log('handoff', `open ${lockLabel[lock]} ${maskedIds(contents.keys)} ok`);
    return { lock, contents };
  } catch (error) {
    logOpenRefusal(error);
    throw error;
  }
}

function logOpenRefusal(error: unknown): void {
  if (error instanceof HandoffError) log('handoff', `open refused: ${error.reason}`);
}

async function readEnvelopeLogged(file: Uint8Array | string): Promise<AgeEnvelope> {
  try {
    return await readEnvelope(file);
  } catch (error) {
    if (error instanceof HandoffError) log('handoff', `read refused: ${error.reason}`);
    throw error;
  }
}

async function openWithPassphrase(
  envelope: AgeEnvelope,
  passphrase: string | undefined,
): Promise<Uint8Array> {
  if (passphrase === undefined || passphrase.trim() === '') {
    throw new HandoffError('passphrase-required');
  }
  for (const candidate of passphrasesToTry(passphrase)) {
    const answer = await decryptWithPassphrase(envelope.binary, candidate);
    if (answer.ok) return answer.data;
    if (answer.failure !== 'no-match') throw new HandoffError('tampered');
  }
  throw new HandoffError('wrong-passphrase');
}

async function openWithIdentity(envelope: AgeEnvelope, store: SecretStore): Promise<Uint8Array> {
  const identity = await readDeviceIdentity(store);
  if (identity === null) throw new HandoffError('sealed-to-another-device');
  // Asked only when this device's identity matched no stanza: "sealed to someone else", as
  // opposed to a file that matched and then failed authentication.
  const fallback = new RecordingIdentity();
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  decrypter.addIdentity(fallback);
  try {
    return await decrypter.decrypt(envelope.binary);
  } catch (error) {
    throw new HandoffError(fallback.asked ? 'sealed-to-another-device' : 'tampered', undefined, {
      cause: error,
    });
  }
}
