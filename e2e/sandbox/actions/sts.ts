import { isoSeconds } from '../dates';
import { AwsError, constraintError, validationError } from '../errors';
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from '../ids';
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

/**
 * With `SerialNumber` and `TokenCode`, the serial must be the caller's own MFA device and the code
 * the one its authenticator shows now (TOTP); otherwise AWS's AccessDenied.
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
    if (!/^\d{6}$/.test(tokenCode)) {
      throw constraintError('tokenCode', 'Member must satisfy regular expression pattern: [\\d]*');
    }
    const device = state.mfaDevices.get(serialNumber);
    if (device?.userName.toLowerCase() !== caller.user.userName.toLowerCase()) {
      throw new AwsError(
        'AccessDenied',
        403,
        'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA ' +
          'serial number is valid and associated with this user.',
      );
    }
    if (!totpAccepts(device.secret, tokenCode, now)) {
      throw new AwsError(
        'AccessDenied',
        403,
        'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      );
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
    throw constraintError(
      'durationSeconds',
      `Member must have value greater than or equal to ${MIN_DURATION_S}`,
    );
  }
  if (value > MAX_DURATION_S) {
    throw constraintError(
      'durationSeconds',
      `Member must have value less than or equal to ${MAX_DURATION_S}`,
    );
  }
  return value;
}
