import { randomBytes } from 'node:crypto';
import type { HandoffKey } from '../../../electron/core/handoff/handoff-csv';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A key with a fresh random id and secret, so a leak check can search for a value that exists
 * nowhere else: not in the test's source, nor in any compiled-source cache.
 */
export function sampleKey(overrides: Partial<HandoffKey> = {}): HandoffKey {
  const id = Array.from(randomBytes(16), (byte) => base32[byte % 32] ?? 'A').join('');
  const secret = randomBytes(30).toString('base64');
  return {
    accessKeyId: `AKIA${id}`,
    secretAccessKey: secret,
    userName: 'alice.example',
    accountId: '123456789012',
    description: 'CI deploy key, "blue" stack',
    created: '2025-01-31T09:30:00Z',
    ...overrides,
  };
}
