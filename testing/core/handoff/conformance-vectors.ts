import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import * as testkit from 'cctv-age';

/**
 * The C2SP age test vectors (https://c2sp.org/CCTV/age, npm `cctv-age`), parsed as the package's
 * README describes: a textual header of `key: value` lines, an empty line, then the age file,
 * possibly zlib-compressed.
 */

export const vectorExpectations = [
  'success',
  'no match',
  'HMAC failure',
  'header failure',
  'payload failure',
  'armor failure',
] as const;

export type VectorExpectation = (typeof vectorExpectations)[number];

export interface AgeVector {
  name: string;
  expect: VectorExpectation;
  /** Hex SHA-256 of the plaintext the API may release. */
  payload: string | undefined;
  identities: string[];
  passphrases: string[];
  armored: boolean;
  comment: string | undefined;
  /** Header keys the README does not define; such vectors "should be ignored". */
  unknownKeys: string[];
  /** The age file itself, decompressed. */
  file: Uint8Array;
}

const knownKeys = new Set([
  'expect',
  'payload',
  'identity',
  'passphrase',
  'armored',
  'compressed',
  'file key',
  'comment',
]);

function isExpectation(value: string): value is VectorExpectation {
  return (vectorExpectations as readonly string[]).includes(value);
}

function parseVector(name: string, bytes: Uint8Array): AgeVector {
  let end = -1;
  for (let i = 0; i + 1 < bytes.length; i += 1) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`test vector ${name} has no blank line after its header`);
  const fields = new Map<string, string[]>();
  for (const line of new TextDecoder().decode(bytes.subarray(0, end)).split('\n')) {
    const colon = line.indexOf(': ');
    if (colon < 0) throw new Error(`test vector ${name} has a header line without a key`);
    const key = line.slice(0, colon);
    fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 2)]);
  }
  const one = (key: string): string | undefined => fields.get(key)?.[0];

  const expect = one('expect') ?? '';
  if (!isExpectation(expect)) throw new Error(`test vector ${name} expects "${expect}"`);
  let file = bytes.subarray(end + 2);
  const compressed = one('compressed');
  if (compressed === 'zlib') file = new Uint8Array(inflateSync(file));
  else if (compressed !== undefined) throw new Error(`test vector ${name} uses ${compressed}`);

  return {
    name,
    expect,
    payload: one('payload'),
    identities: fields.get('identity') ?? [],
    passphrases: fields.get('passphrase') ?? [],
    armored: one('armored') === 'yes',
    comment: one('comment'),
    unknownKeys: [...fields.keys()].filter((key) => !knownKeys.has(key)),
    file,
  };
}

/** Every vector in the package, sorted by name. */
export function loadAgeVectors(): AgeVector[] {
  return Object.entries(testkit)
    .filter((entry): entry is [string, Uint8Array] => entry[1] instanceof Uint8Array)
    .map(([name, bytes]) => parseVector(name, bytes))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
