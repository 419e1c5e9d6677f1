import type { ErrorCode } from '../common/errors';
import { missingCase } from '../common/errors';

/** The command line's exit codes, documented in `keyward --help`. */
export const exitCodes = {
  ok: 0,
  /** The operation failed: AWS refused or failed, a file could not be written, … */
  failed: 1,
  /** Bad arguments or values. */
  usage: 2,
  /** The OS keychain is locked, missing or refused access. */
  keychain: 3,
  /** The profile, user, key or file does not exist. */
  notFound: 4,
  /** The action needs confirmation (--yes), e.g. deleting a key that is in use. */
  confirmation: 5,
  /** AWS did not accept the credentials, or they lack the permission. */
  credentials: 6,
  /** A rotation stopped part-way; its state is saved: --resume or --rollback. */
  rotationStopped: 7,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid-input':
    case 'weak-passphrase':
    case 'invalid-recipient':
      return exitCodes.usage;
    case 'vault-unavailable':
      return exitCodes.keychain;
    case 'not-found':
      return exitCodes.notFound;
    // key-other-account: AWS accepted the key; keeping it needs --keep-other-account.
    case 'confirmation-required':
    case 'key-other-account':
      return exitCodes.confirmation;
    case 'not-signed-in':
    case 'access-denied':
    case 'bad-credentials':
    case 'expired-credentials':
    case 'mfa-required':
    case 'key-not-working':
      return exitCodes.credentials;
    case 'forbidden-sender':
    case 'unknown-method':
    case 'key-limit':
    case 'conflict':
    case 'secret-not-secured':
    case 'secret-gone':
    case 'outcome-unknown':
    case 'cancelled':
    case 'throttled':
    case 'handoff-invalid':
    case 'handoff-tampered':
    case 'handoff-too-large':
    case 'handoff-passphrase-required':
    case 'handoff-wrong-key':
    case 'handoff-unsupported':
    case 'network':
    case 'aws-failure':
    case 'internal':
      return exitCodes.failed;
    default:
      return missingCase(code);
  }
}

/** One line, whatever the message held: the command line's errors are `keyward: <message> <hint>`. */
export function errorLine(message: string, hint: string): string {
  return `keyward: ${`${message} ${hint}`.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim()}\n`;
}
