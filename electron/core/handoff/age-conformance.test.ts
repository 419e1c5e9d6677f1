import { generateX25519Identity } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { maxHandoffFileBytes } from './age-envelope';
import { handoffIdentityAccount } from './device-identity';
import { HandoffError } from './handoff-error';
import type { HandoffProblem } from './handoff-error';
import { decryptHandoff, inspectHandoff } from './handoff-file';
import type { OpenHandoffOptions } from './handoff-file';
import { loadAgeVectors, sha256Hex } from '../../../testing/core/handoff/conformance-vectors';
import type {
  AgeVector,
  VectorExpectation,
} from '../../../testing/core/handoff/conformance-vectors';
import { MemoryStore } from '../../../testing/memory-store';

/**
 * Conformance with the C2SP age test vectors (npm `cctv-age`). They run through decryptHandoff,
 * which is openHandoff up to the point where it reads the CSV: size limit, armor, header and lock
 * checks, the passphrase worker, this device's identity from the keychain, and the mapping of every
 * failure to a HandoffError. The vectors' payloads are not hand-off CSVs, so openHandoff itself
 * would refuse every one of them as invalid-contents.
 *
 * Every success vector must decrypt to its payload; every failure vector must be refused with a
 * HandoffError whose reason fits the failure. Keyward releases nothing from a file that fails
 * authentication, so the partial payload of `payload failure` vectors is never released at all.
 */

const vectors = loadAgeVectors();

/** Why a vector is skipped. Each skipped vector is listed by name in `expectedSkips` below. */
const skipReasons = {
  hybrid:
    'needs a post-quantum hybrid (mlkem768x25519) identity; Keyward device identities are X25519 only',
  tooLarge: `larger than Keyward's ${maxHandoffFileBytes / 1024} KiB hand-off file limit`,
  unknownKeys:
    'uses testkit header keys the vector README does not define (it says to ignore such)',
  severalSecrets:
    'needs several identities or passphrases; a device has one identity and is given one passphrase',
} as const;

const hybridOnly = [
  'armor_hybrid',
  'hybrid',
  'hybrid_and_x25519',
  'hybrid_bad_tag',
  'hybrid_currupted_enc_mlkem',
  'hybrid_currupted_enc_x25519',
  'hybrid_extra_argument',
  'hybrid_grease',
  'hybrid_identity',
  'hybrid_long_file_key',
  'hybrid_long_share',
  'hybrid_low_order',
  'hybrid_multiple_recipients',
  'hybrid_no_match',
  'hybrid_not_canonical_body',
  'hybrid_not_canonical_enc',
  'hybrid_short_share',
  'hybrid_uppercase',
];

/** Success vectors Keyward's own 64 KiB limit refuses; they are checked to be refused as such. */
const tooLargeSuccesses = [
  'stream_257_chunks',
  'stream_257_chunks_full',
  'stream_258_chunks',
  'stream_last_chunk_full',
  'stream_last_chunk_full_second',
  'stream_three_chunks',
  'stream_two_chunks',
];

const expectedSkips = Object.fromEntries([
  ...hybridOnly.map((name): [string, string] => [name, skipReasons.hybrid]),
  ...tooLargeSuccesses.map((name): [string, string] => [name, skipReasons.tooLarge]),
]);

/** What each kind of failure may be reported as. Anything else (worker-failed, …) fails the test. */
const refusalsFor: Record<Exclude<VectorExpectation, 'success'>, readonly HandoffProblem[]> = {
  'armor failure': ['not-age-file', 'malformed'],
  'header failure': ['empty', 'not-age-file', 'malformed', 'work-factor-too-high'],
  'HMAC failure': ['tampered'],
  'payload failure': ['tampered'],
  'no match': ['wrong-passphrase', 'sealed-to-another-device'],
};

/**
 * Header failures that age-encryption's header parser lets through and that then fail
 * authentication, so Keyward reports them as `tampered` (failed its integrity check) rather than
 * `malformed`. Either way the file is refused before anything is released.
 */
const headerFailuresCaughtLater: Record<string, string> = {
  hmac_garbage: 'the header MAC has extra bytes; it fails the MAC check',
  hmac_missing: 'the header MAC is empty; it fails the MAC check',
  hmac_truncated: 'the header MAC is cut short; it fails the MAC check',
  stream_no_nonce: 'the payload nonce is missing; the file is cut short',
  stream_short_nonce: 'the payload nonce is cut short; the file is cut short',
  x25519_identity: 'the X25519 share gives an all-zero secret; the key agreement fails',
  x25519_low_order: 'the X25519 share gives an all-zero secret; the key agreement fails',
};

/** What the device is given: its keychain identity, and the passphrase the person types. */
interface Secrets {
  identity?: string;
  passphrase?: string;
}

type Plan =
  | { run: 'skip'; vector: AgeVector; reason: string }
  | ({ run: 'decrypt'; vector: AgeVector } & Secrets)
  | ({
      run: 'refuse';
      vector: AgeVector;
      reasons: readonly HandoffProblem[];
      why: string;
    } & Secrets);

/** age X25519 identities are Bech32 with the prefix AGE-SECRET-KEY-; hybrid ones with …-PQ-. */
function isX25519Identity(identity: string): boolean {
  return identity.startsWith('AGE-SECRET-KEY-1');
}

function planFor(vector: AgeVector): Plan {
  if (vector.unknownKeys.length > 0) {
    return { run: 'skip', vector, reason: skipReasons.unknownKeys };
  }
  const identities = vector.identities.filter(isX25519Identity);
  if (vector.identities.length > 0 && identities.length === 0) {
    return { run: 'skip', vector, reason: skipReasons.hybrid };
  }
  const [identity] = identities;
  const [passphrase] = vector.passphrases;
  const secrets: Secrets = {};
  if (identity !== undefined) secrets.identity = identity;
  if (passphrase !== undefined) secrets.passphrase = passphrase;
  const oversize = vector.file.length > maxHandoffFileBytes;
  if (vector.expect === 'success') {
    if (oversize) return { run: 'skip', vector, reason: skipReasons.tooLarge };
    // A success may need every identity or passphrase it lists; a device offers one of each.
    // (Failure vectors run with the first X25519 identity and passphrase: offering less can only
    // turn them into a "no match", which is still a refusal.)
    if (vector.identities.length > 1 || vector.passphrases.length > 1) {
      return { run: 'skip', vector, reason: skipReasons.severalSecrets };
    }
    return { run: 'decrypt', vector, ...secrets };
  }
  if (oversize) {
    return { run: 'refuse', vector, ...secrets, reasons: ['too-large'], why: 'over 64 KiB' };
  }
  const late = headerFailuresCaughtLater[vector.name];
  if (vector.expect === 'header failure' && late !== undefined) {
    return { run: 'refuse', vector, ...secrets, reasons: ['tampered'], why: late };
  }
  return { run: 'refuse', vector, ...secrets, reasons: refusalsFor[vector.expect], why: '' };
}

const plans = vectors.map(planFor);
const decrypted = plans.filter((plan) => plan.run === 'decrypt');
const refused = plans.filter((plan) => plan.run === 'refuse');
const skipped = plans.filter((plan) => plan.run === 'skip');

async function optionsFor(plan: Secrets): Promise<OpenHandoffOptions> {
  const store = new MemoryStore();
  if (plan.identity !== undefined) await store.set(handoffIdentityAccount, plan.identity);
  const options: OpenHandoffOptions = { store };
  if (plan.passphrase !== undefined) options.passphrase = plan.passphrase;
  return options;
}

/** The refusal, which must be a HandoffError a person can read: never a raw library error. */
async function refusalOf(attempt: Promise<unknown>): Promise<HandoffError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof HandoffError) {
      expect(error.message.trim()).not.toBe('');
      expect(error.hint.trim()).not.toBe('');
      expect(error.code).not.toBe('internal');
      return error;
    }
    throw new Error(`refused with a raw error, not a HandoffError: ${String(error)}`, {
      cause: error,
    });
  }
  throw new Error('the file was accepted');
}

describe('C2SP age test vectors (cctv-age) through decryptHandoff', () => {
  it('loads the vectors and accounts for every one', () => {
    expect(vectors.length).toBeGreaterThan(100);
    expect(decrypted.length + refused.length + skipped.length).toBe(vectors.length);
    expect(decrypted.length).toBeGreaterThan(10);
  });

  it('skips exactly the listed vectors, each for its stated reason', () => {
    const actual = Object.fromEntries(skipped.map((plan) => [plan.vector.name, plan.reason]));
    expect(actual).toEqual(expectedSkips);
  });

  it('lists as caught by authentication only header-failure vectors that are run', () => {
    const names = refused
      .filter((plan) => plan.vector.expect === 'header failure')
      .map((plan) => plan.vector.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(headerFailuresCaughtLater)));
  });

  describe('success vectors decrypt to their payload', () => {
    for (const plan of decrypted) {
      const { vector } = plan;
      it(`${vector.name} decrypts to its payload`, async () => {
        expect(vector.payload).toMatch(/^[0-9a-f]{64}$/);
        const info = await inspectHandoff(vector.file);
        expect(info.armored).toBe(vector.armored);
        const { lock, plaintext } = await decryptHandoff(vector.file, await optionsFor(plan));
        try {
          expect(lock).toBe(plan.passphrase === undefined ? 'recipients' : 'passphrase');
          expect(sha256Hex(plaintext)).toBe(vector.payload);
        } finally {
          plaintext.fill(0);
        }
      });
    }
  });

  describe('failure vectors are refused with a clear HandoffError', () => {
    for (const plan of refused) {
      const { vector, reasons, why } = plan;
      const title = `${vector.name} (${vector.expect}) is refused as ${reasons.join(' or ')}`;
      it(why === '' ? title : `${title}: ${why}`, async () => {
        const error = await refusalOf(decryptHandoff(vector.file, await optionsFor(plan)));
        expect(reasons).toContain(error.reason);
      });
    }
  });

  describe('skipped vectors', () => {
    for (const { vector, reason } of skipped) {
      it.skip(`${vector.name} (${vector.expect}) skipped: ${reason}`, () => undefined);
    }

    it('still refuses the success vectors over 64 KiB, as too large, with a clear message', async () => {
      const oversize = skipped.filter((plan) => plan.reason === skipReasons.tooLarge);
      expect(oversize.map((plan) => plan.vector.name)).toEqual(tooLargeSuccesses);
      for (const { vector } of oversize) {
        const options = await optionsFor({ identity: vector.identities[0] });
        expect((await refusalOf(decryptHandoff(vector.file, options))).reason).toBe('too-large');
      }
    });

    it('still refuses hybrid files clearly on a device whose identity is X25519', async () => {
      const options = await optionsFor({ identity: await generateX25519Identity() });
      const hybrid = skipped.filter((plan) => plan.reason === skipReasons.hybrid);
      expect(hybrid.length).toBe(hybridOnly.length);
      for (const { vector } of hybrid) {
        const error = await refusalOf(decryptHandoff(vector.file, options));
        expect(['sealed-to-another-device', 'malformed']).toContain(error.reason);
      }
    });
  });
});
