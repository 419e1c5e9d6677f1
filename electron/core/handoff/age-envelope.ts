import { Decrypter, armor } from 'age-encryption';
import type { Stanza } from 'age-encryption';
import { HandoffError } from './handoff-error';
import { RecordingIdentity } from './recording-identity';

/**
 * Reading the outside of an age file (C2SP age v1), before any key or passphrase is involved:
 * size, armor, header and the kind of lock. Everything refused here is refused before decrypting.
 */

/**
 * The largest hand-off Keyward writes (ten keys with the longest descriptions, ten recipients) is
 * about 11 KiB armored; 64 KiB leaves room and bounds the work done on a file nobody vouched for.
 */
export const maxHandoffFileBytes = 64 * 1024;

/** age-encryption refuses scrypt work factors above 2^20 (1 GiB of memory); so does Keyward. */
export const maxScryptWorkFactor = 20;

export type AgeLock =
  { kind: 'passphrase'; workFactor: number } | { kind: 'recipients'; recipients: number };

export interface AgeEnvelope {
  /** The binary age file, armor removed. */
  binary: Uint8Array;
  armored: boolean;
  lock: AgeLock;
}

const armorBegin = '-----BEGIN AGE ENCRYPTED FILE-----';
const binaryIntro = 'age-encryption.org/v1\n';
// Canonical unpadded base64 of 16 bytes (scrypt salt) and 32 bytes (X25519 share).
const salt16 = /^[A-Za-z0-9+/]{21}[AQgw]$/;
const share32 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/;

function startsWith(bytes: Uint8Array, text: string, from = 0): boolean {
  if (bytes.length - from < text.length) return false;
  for (let i = 0; i < text.length; i += 1) {
    if (bytes[from + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i] ?? 0)) i += 1;
  return i;
}

function toBytes(input: Uint8Array | string): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}

/** Removes the armor if there is one; refuses anything that is not an age file at all. */
function unwrapArmor(bytes: Uint8Array): { binary: Uint8Array; armored: boolean } {
  const start = firstNonSpace(bytes);
  if (start === bytes.length) throw new HandoffError('empty');
  if (startsWith(bytes, binaryIntro)) return { binary: bytes, armored: false };
  if (!startsWith(bytes, armorBegin, start)) throw new HandoffError('not-age-file');
  let binary: Uint8Array;
  try {
    binary = armor.decode(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new HandoffError('malformed', undefined, { cause: error });
  }
  if (!startsWith(binary, binaryIntro)) throw new HandoffError('malformed');
  return { binary, armored: true };
}

/** Parses the header with age-encryption's own parser, by offering it an identity that only looks. */
async function readStanzas(binary: Uint8Array): Promise<Stanza[]> {
  const onlyLooks = new RecordingIdentity();
  const decrypter = new Decrypter();
  decrypter.addIdentity(onlyLooks);
  try {
    await decrypter.decryptHeader(binary);
  } catch (error) {
    // Reaching the identity means the header parsed; "no identity matched" is then expected.
    if (onlyLooks.stanzas === null)
      throw new HandoffError('malformed', undefined, { cause: error });
  }
  if (onlyLooks.stanzas === null) throw new HandoffError('malformed');
  return onlyLooks.stanzas;
}

/**
 * Tells a passphrase file from a recipient file, checking the stanzas Keyward would use so that a
 * damaged header is reported as damaged rather than as a wrong passphrase or key.
 */
function classifyLock(stanzas: readonly Stanza[]): AgeLock {
  if (stanzas.length === 0) throw new HandoffError('malformed');
  const scrypt = stanzas.filter((stanza) => stanza.args[0] === 'scrypt');
  if (scrypt.length > 0) {
    const [stanza] = scrypt;
    // The age spec: a scrypt stanza must be the only one, so a passphrase file has no recipients.
    if (stanzas.length !== 1 || stanza === undefined) throw new HandoffError('malformed');
    const [, salt = '', logN = ''] = stanza.args;
    if (stanza.args.length !== 3 || !salt16.test(salt) || !/^[1-9]\d*$/.test(logN)) {
      throw new HandoffError('malformed');
    }
    if (stanza.body.length !== 32) throw new HandoffError('malformed');
    const workFactor = Number(logN);
    if (workFactor > maxScryptWorkFactor) throw new HandoffError('work-factor-too-high');
    return { kind: 'passphrase', workFactor };
  }
  for (const stanza of stanzas) {
    if (stanza.args[0] !== 'X25519') continue;
    const [, share = ''] = stanza.args;
    if (stanza.args.length !== 2 || !share32.test(share) || stanza.body.length !== 32) {
      throw new HandoffError('malformed');
    }
  }
  return { kind: 'recipients', recipients: stanzas.length };
}

/** Checks size, armor and header, in that order, and says how the file is locked. */
export async function readEnvelope(input: Uint8Array | string): Promise<AgeEnvelope> {
  // Every character is at least one byte, so a long string is refused before it is encoded.
  if (input.length > maxHandoffFileBytes) throw new HandoffError('too-large');
  const bytes = toBytes(input);
  if (bytes.length > maxHandoffFileBytes) throw new HandoffError('too-large');
  if (bytes.length === 0) throw new HandoffError('empty');
  const { binary, armored } = unwrapArmor(bytes);
  const lock = classifyLock(await readStanzas(binary));
  return { binary, armored, lock };
}
