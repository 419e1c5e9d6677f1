import { describe, expect, it } from 'vitest';
import { totpAccepts, totpCode } from './totp';

/** RFC 6238 appendix B's SHA-1 secret, the ASCII "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP codes', () => {
  it("shows RFC 6238's SHA-1 test vectors, cut to six digits", () => {
    const vectors: [seconds: number, code: string][] = [
      [59, '287082'],
      [1_111_111_109, '081804'],
      [1_234_567_890, '005924'],
      [2_000_000_000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
    }
  });

  it('accepts the code of the step before and after, and nothing further away', () => {
    const now = new Date(1_234_567_890_000);
    const codeAt = (offsetSeconds: number) =>
      totpCode(RFC_SECRET, new Date(now.getTime() + offsetSeconds * 1000));
    for (const offset of [-30, 0, 30]) {
      expect(totpAccepts(RFC_SECRET, codeAt(offset), now)).toBe(true);
    }
    for (const offset of [-90, -60, 60, 90]) {
      expect(totpAccepts(RFC_SECRET, codeAt(offset), now)).toBe(false);
    }
    expect(totpAccepts(RFC_SECRET, '000000', now)).toBe(false);
  });
});
