import type { AccessKeySummary } from './domain';

/**
 * The closed set of error codes that may cross the bridge. The renderer switches on these
 * exhaustively, so adding one is a deliberate, type-checked change on both sides.
 */
export const errorCodes = [
  'invalid-input',
  'forbidden-sender',
  'unknown-method',
  'vault-unavailable',
  'not-signed-in',
  'access-denied',
  'key-limit',
  'not-found',
  'conflict',
  'confirmation-required',
  'secret-not-secured',
  'secret-gone',
  'outcome-unknown',
  'bad-credentials',
  'expired-credentials',
  'mfa-required',
  'throttled',
  'handoff-invalid',
  'handoff-tampered',
  'handoff-too-large',
  'handoff-passphrase-required',
  'handoff-wrong-key',
  'handoff-unsupported',
  'weak-passphrase',
  'invalid-recipient',
  'key-not-working',
  'key-other-account',
  'cancelled',
  'network',
  'aws-failure',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What a person sees: what happened (`message`) and what to do next (`hint`), in plain words. */
export interface BridgeError {
  code: ErrorCode;
  message: string;
  hint: string;
  /** Facts the UI can act on, e.g. the two existing keys when a third cannot be created. */
  details?: ErrorDetails;
}

export interface ErrorDetails {
  /** The user's existing keys (no secrets), when the two-key limit is reached. */
  existingKeys?: AccessKeySummary[];
  /** A key that exists in AWS but whose secret Keyward never received. */
  lostKey?: { accessKeyId: string; userName: string };
  /** The IAM action that was refused, e.g. "iam:CreateAccessKey". */
  deniedAction?: string;
  /** An MFA device whose code is needed to sign in. */
  mfaSerial?: string;
  /** AWS's id for the failed request, for an administrator or AWS support. */
  requestId?: string;
  /** A received key AWS says belongs to another account than its key file says. */
  otherAccount?: { inFile: string; verified: string };
  /** Work Keyward stopped itself, not the person: the current AWS account changed under it. */
  stoppedBy?: 'account-switch';
}

/** For exhaustive switches: a new case that is not handled fails type-checking here. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
