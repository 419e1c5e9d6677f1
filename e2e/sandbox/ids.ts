import { randomInt, randomUUID } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

/** Source of uniformly distributed integers in [0, max); crypto-random unless a seed generator is supplied. */
export type RandomInt = (max: number) => number;

const cryptoRandom: RandomInt = (max) => randomInt(max);

function pick(alphabet: string, length: number, random: RandomInt): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(random(alphabet.length));
  return out;
}

/** AKIA… for long-term keys, ASIA… for temporary ones: 20 characters like AWS's. */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA' = 'AKIA', random = cryptoRandom): string {
  return prefix + pick(BASE32, 16, random);
}

export function newSecretAccessKey(random = cryptoRandom): string {
  return pick(SECRET_ALPHABET, 40, random);
}

/** IAM user ids are AIDA + 17 characters. */
export function newUserId(random = cryptoRandom): string {
  return 'AIDA' + pick(BASE32, 17, random);
}

export function newSessionToken(): string {
  return pick(SECRET_ALPHABET, 356, cryptoRandom);
}

export function newRequestId(): string {
  return randomUUID();
}

/** A virtual MFA device's secret: 160 bits, the size RFC 4226 recommends, as 32 base32 characters. */
export function newBase32Seed(random = cryptoRandom): string {
  return pick(BASE32, 32, random);
}
