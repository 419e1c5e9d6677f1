import { Secret, TOTP } from 'otpauth';

/** An authenticator app's codes: RFC 6238 TOTP, six digits every 30 seconds, as AWS's devices. */
function totp(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
}

/** The code an authenticator app with this secret shows at `at`. */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/**
 * Whether a code is right at `now`. One period either side is accepted, as AWS allows for a
 * phone's clock being a little off and for a code typed just as it changed.
 */
export function totpAccepts(secret: string, code: string, now: Date): boolean {
  return totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}
