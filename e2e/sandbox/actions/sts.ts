import { isoSeconds } from '../dates';
import { AwsError, stsConstraintError, validationError } from '../errors';
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from '../ids';
import { checkMember, type MemberRule } from '../params';
import { totpAccepts } from '../totp';
import { el } from '../xml';
import type { ActionHandler } from './context';

/** STS answers GetCallerIdentity for any valid credentials; no policy can deny it. */
export const getCallerIdentity: ActionHandler = ({ caller, state }) => [
  el('Arn', caller.user.arn),
  el('UserId', caller.user.userId),
  el('Account', state.accountId),
];

const DEFAULT_DURATION_S = 43_200;
const MIN_DURATION_S = 900;
const MAX_DURATION_S = 129_600;

const SERIAL_NUMBER_RULE: MemberRule = {
  min: 9,
  max: 256,
  pattern: /^[\w+=/:,.@-]*$/,
  patternText: '[\\w+=/:,.@-]*',
};
const TOKEN_CODE_RULE: MemberRule = { min: 6, max: 6, pattern: /^\d*$/, patternText: '[\\d]*' };

/** STS's two MFA refusals, word for word (the second does end in a space). */
const MFA_UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA ' +
  'serial number is valid and associated with this user.';
const MFA_WRONG_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';

/**
 * With `SerialNumber` and `TokenCode`, the serial must be one of the caller's own MFA devices and
 * the code the one its authenticator shows now (TOTP, a step either side); otherwise AWS's
 * AccessDenied. GetSessionToken needs no permission: every IAM user may call it.
 */
export const getSessionToken: ActionHandler = ({ params, caller, state, now }) => {
  if (caller.session) {
    throw new AwsError('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
  }
  const duration = readDuration(params.get('DurationSeconds'));
  const serialNumber = params.get('SerialNumber');
  const tokenCode = params.get('TokenCode');
  if (serialNumber !== undefined || tokenCode !== undefined) {
    if (tokenCode === undefined || serialNumber === undefined) {
      throw validationError('SerialNumber and TokenCode must be provided together');
    }
    checkStsMember('serialNumber', serialNumber, SERIAL_NUMBER_RULE);
    checkStsMember('tokenCode', tokenCode, TOKEN_CODE_RULE);
    const device = state.mfaDevices.get(serialNumber);
    if (device?.userName.toLowerCase() !== caller.user.userName.toLowerCase()) {
      throw new AwsError('AccessDenied', 403, MFA_UNKNOWN_DEVICE);
    }
    if (!totpAccepts(device.base32Seed, tokenCode, now)) {
      throw new AwsError('AccessDenied', 403, MFA_WRONG_CODE);
    }
  }
  const session = {
    accessKeyId: newAccessKeyId('ASIA'),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    userName: caller.user.userName,
    expiration: new Date(now.getTime() + duration * 1000),
    mfaAuthenticated: serialNumber !== undefined,
  };
  state.sessions.set(session.accessKeyId, session);
  return [
    el('Credentials', [
      el('AccessKeyId', session.accessKeyId),
      el('SecretAccessKey', session.secretAccessKey),
      el('SessionToken', session.sessionToken),
      el('Expiration', isoSeconds(session.expiration)),
    ]),
  ];
};

function readDuration(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DURATION_S;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw validationError(`Invalid value for DurationSeconds: ${raw}`);
  }
  if (value < MIN_DURATION_S) {
    throw stsConstraintError(
      'durationSeconds',
      raw,
      `Member must have value greater than or equal to ${String(MIN_DURATION_S)}`,
    );
  }
  if (value > MAX_DURATION_S) {
    throw stsConstraintError(
      'durationSeconds',
      raw,
      `Member must have value less than or equal to ${String(MAX_DURATION_S)}`,
    );
  }
  return value;
}

/** STS's string members: as IAM's, but refused with the value quoted. */
function checkStsMember(member: string, value: string, rule: MemberRule): void {
  checkMember(member, value, rule, (constraint) => stsConstraintError(member, value, constraint));
}
