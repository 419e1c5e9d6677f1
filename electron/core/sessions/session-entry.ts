// The keychain entry that caches one profile's STS session. Read on the credential_process hot
// path, so it is checked by hand: no zod, nothing of weight.
import { jsonObject } from '../../common/json-object';
import { accessKeyIdPattern, secretAccessKeyPattern } from '../../common/key-shapes';

export const sessionAccountPrefix = 'session:';

/** A session is handed out again only while it has at least this long left. */
export const renewBeforeMs = 5 * 60_000;

const temporaryKeyId = /^ASIA[A-Z0-9]{16}$/;
/** STS tokens are base64; the bound keeps an entry under Windows' 2,560-byte limit. */
const sessionTokenShape = /^[A-Za-z0-9+/=]{16,2048}$/;

export interface CachedSession {
  /** The long-term key the session was made from. */
  keyId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601, as AWS gives it. */
  expiration: string;
  /** Whether an MFA code was part of getting it. */
  mfa: boolean;
}

export function sessionAccount(profile: string): string {
  return sessionAccountPrefix + profile;
}

/** Null for anything that is not a whole, well-formed session (a damaged entry is a miss). */
export function parseSessionEntry(document: string): CachedSession | null {
  const entry = jsonObject(document);
  if (entry === null) return null;
  const { keyId, accessKeyId, secretAccessKey, sessionToken, expiration, mfa } = entry;
  if (typeof keyId !== 'string' || !accessKeyIdPattern.test(keyId)) return null;
  if (typeof accessKeyId !== 'string' || !temporaryKeyId.test(accessKeyId)) return null;
  if (typeof secretAccessKey !== 'string' || !secretAccessKeyPattern.test(secretAccessKey)) {
    return null;
  }
  if (typeof sessionToken !== 'string' || !sessionTokenShape.test(sessionToken)) {
    return null;
  }
  if (typeof expiration !== 'string' || Number.isNaN(Date.parse(expiration))) return null;
  if (typeof mfa !== 'boolean') return null;
  return { keyId, accessKeyId, secretAccessKey, sessionToken, expiration, mfa };
}

/** Whether the session may be handed out at `now`: more than five minutes left. */
export function stillFresh(session: CachedSession, now: Date): boolean {
  return Date.parse(session.expiration) - now.getTime() > renewBeforeMs;
}

/** The AWS credential_process document for a session. */
export function sessionOutput(
  session: Pick<CachedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>,
): string {
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: session.expiration,
  })}\n`;
}
