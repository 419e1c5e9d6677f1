import { isoSeconds } from '../dates';
import { AwsError, constraintError, validationError } from '../errors';
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from '../ids';
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
 * The sandbox has no MFA devices: any `arn:aws:iam::ACCOUNT:mfa/NAME` serial with a six-digit
 * code passes, except 000000, which fails so tests can exercise the refusal.
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
    const mfaArn = new RegExp(`^arn:aws:iam::${state.accountId}:mfa/[\\w+=,.@/-]+$`);
    if (!mfaArn.test(serialNumber) || tokenCode === '000000') {
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
