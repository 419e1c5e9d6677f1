import { AppError } from '../errors';

/** What was being attempted, so the sentence can say it in the person's terms. */
export interface AwsErrorContext {
  /** e.g. "create an access key", "list the IAM users". */
  doing: string;
  userName?: string;
}

/**
 * How a request can fail to get any answer from AWS. One classification, used wherever a failed
 * AWS call is explained: without an answer, AWS has said nothing about the key, the person or
 * the request, so nothing may be blamed on them.
 */
export type NetworkFailure = 'dns' | 'refused' | 'reset' | 'timeout' | 'tls' | 'unreachable';

const networkCodes: Partial<Record<string, NetworkFailure>> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  EPROTO: 'tls',
};

/** OpenSSL's certificate complaints (CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN…) and Node's. */
const tlsCode = /^(ERR_SSL_|ERR_TLS_)|CERT|^UNABLE_TO_(GET|VERIFY)/;

/**
 * Whether AWS (or whatever the endpoint is) answered at all. The SDK puts `$metadata` on every
 * error after its retries, lost connections included, so `$metadata` alone proves nothing; an
 * answer has a status code, and a modelled error its `$fault`.
 */
function hasAnswer(error: Error): boolean {
  const withMeta = error as Error & { $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return withMeta.$fault !== undefined || typeof withMeta.$metadata?.httpStatusCode === 'number';
}

/**
 * The AWS error code of an SDK error, as AWS's documentation names it. Modelled exceptions carry
 * it in `Code` (their `name` is the SDK class, e.g. NoSuchEntityException); others in `name`.
 * Undefined when no answer came back: then there is no AWS error code to speak of.
 */
export function awsErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const withCode = error as Error & { Code?: unknown };
  if (typeof withCode.Code === 'string') return withCode.Code;
  return hasAnswer(error) ? error.name : undefined;
}

/** How many HTTP attempts the SDK made for an answer or an error (its retries included). */
export function attemptsOf(value: unknown): number {
  if (typeof value !== 'object' || value === null || !('$metadata' in value)) return 1;
  const metadata = (value as { $metadata?: { attempts?: unknown } }).$metadata;
  return typeof metadata?.attempts === 'number' && metadata.attempts > 0 ? metadata.attempts : 1;
}

/** How the request failed to reach AWS, or null when AWS answered (or it is no network error). */
export function networkFailureOf(error: unknown): NetworkFailure | null {
  const raw = error instanceof AppError ? error.cause : error;
  if (!(raw instanceof Error) || hasAnswer(raw)) return null;
  const code = (raw as Error & { code?: unknown }).code;
  if (typeof code === 'string') {
    const known = networkCodes[code];
    if (known) return known;
    if (tlsCode.test(code)) return 'tls';
  }
  if (raw.name === 'TimeoutError') return 'timeout';
  if (/certificate|ssl routines|\btls\b/i.test(raw.message)) return 'tls';
  if (/socket hang up|ECONNRESET/i.test(raw.message)) return 'reset';
  if (/ECONNREFUSED/.test(raw.message)) return 'refused';
  if (/timed? ?out/i.test(raw.message)) return 'timeout';
  return null;
}

/** No answer came back (refused, reset, timed out…): AWS may or may not have acted. */
export function isNetworkFailure(error: unknown): boolean {
  return networkFailureOf(error) !== null;
}

const keyRefusedCodes = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'AuthFailure',
]);

/**
 * AWS's own word that these credentials are not valid: unknown, deactivated or deleted key, or a
 * wrong secret. Only this makes a key "not working"; a lost connection, throttling or a wrong
 * clock say nothing about the key. Looks through Keyward's explanation to the SDK error.
 */
export function isKeyRefused(error: unknown): boolean {
  const raw = error instanceof AppError ? error.cause : error;
  const code = awsErrorCode(raw);
  return code !== undefined && keyRefusedCodes.has(code) && !isClockSkew(raw);
}

/** AWS refuses requests signed more than 15 minutes away from its own clock. */
function isClockSkew(error: unknown): boolean {
  const code = awsErrorCode(error);
  const message = error instanceof Error ? error.message : '';
  return (
    code === 'RequestTimeTooSkewed' ||
    (code === 'SignatureDoesNotMatch' && /expired|skew/i.test(message))
  );
}

const throttlingCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

export function isThrottling(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code !== undefined && throttlingCodes.has(code);
}

/**
 * Turns whatever the SDK threw into a sentence a non-technical person understands and a next
 * step. AWS's own message is used only to name the refused action; it never reaches the screen
 * verbatim.
 */
export function translateAwsError(error: unknown, context: AwsErrorContext): AppError {
  if (error instanceof AppError) return error;
  const translated = translate(error, context);
  // AWS's request id lets an administrator or AWS support find the request; the UI folds it away.
  const requestId = (error as { $metadata?: { requestId?: unknown } } | null)?.$metadata?.requestId;
  if (typeof requestId !== 'string' || requestId === '') return translated;
  return new AppError(translated.code, translated.message, translated.hint, {
    cause: error,
    details: { ...translated.details, requestId },
  });
}

/**
 * Runs one AWS request and explains its failure in the person's terms: every IAM and STS call
 * Keyward makes goes through here (or `AwsSession.call`, which also learns permissions).
 */
export async function callAws<T>(context: AwsErrorContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateAwsError(error, context);
  }
}

const accessDeniedCodes = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
]);

/**
 * AWS refused this caller the action: from the SDK error, or from Keyward's explanation of one.
 * The one test for "not allowed" wherever a refusal is tolerated or learned from.
 */
export function isAccessDenied(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'access-denied';
  const code = awsErrorCode(error);
  return code !== undefined && accessDeniedCodes.has(code);
}

/** The IAM action AWS names in an AccessDenied message ("… not authorized to perform: iam:X"). */
export function deniedActionOf(error: unknown): string | undefined {
  const raw = error instanceof AppError ? error.cause : error;
  return raw instanceof Error ? /perform: (\S+)/.exec(raw.message)?.[1] : undefined;
}

function translate(error: unknown, context: AwsErrorContext): AppError {
  const code = awsErrorCode(error);
  const whom = context.userName ? ` for ${context.userName}` : '';
  const options = { cause: error };

  const unreached = networkFailureOf(error);
  if (unreached !== null) return unreachedError(unreached, context, options);
  if (code === undefined) {
    if (error instanceof Error && error.name === 'CredentialsProviderError') {
      return new AppError(
        'bad-credentials',
        'Keyward could not get credentials for this AWS profile.',
        'Check the profile in your AWS config file, or sign in again (for SSO: run "aws sso login").',
        options,
      );
    }
    return new AppError(
      'internal',
      `Something went wrong while trying to ${context.doing}.`,
      'Try again. If it keeps happening, restart Keyward and report the problem.',
      options,
    );
  }

  if (isClockSkew(error)) return clockError(options);
  if (isAccessDenied(error)) {
    const action = deniedActionOf(error);
    return new AppError(
      'access-denied',
      `AWS did not let you ${context.doing}${whom}: your permissions in AWS do not allow it.`,
      action
        ? `Ask your AWS administrator to allow "${action}" for you.`
        : 'Ask your AWS administrator for the permission to do this.',
      { ...options, ...(action ? { details: { deniedAction: action } } : {}) },
    );
  }
  switch (code) {
    case 'LimitExceeded':
      return new AppError(
        'key-limit',
        `${context.userName ?? 'This user'} already has two access keys, the most AWS allows.`,
        'Deactivate or delete the key that is no longer used, then try again.',
        options,
      );
    case 'NoSuchEntity':
      return new AppError(
        'not-found',
        `AWS could not find that ${context.userName ? `user or key (${context.userName})` : 'user or key'}.`,
        'It may have been deleted or renamed. Refresh the list and try again.',
        options,
      );
    case 'InvalidInput':
    case 'ValidationError':
    case 'MalformedInput':
      return new AppError(
        'invalid-input',
        `AWS did not accept what was sent to ${context.doing}.`,
        'Check the names and text you entered, then try again.',
        options,
      );
    case 'DeleteConflict':
    case 'EntityAlreadyExists':
    case 'ConcurrentModification':
      return new AppError(
        'conflict',
        `AWS could not ${context.doing}${whom} because something else depends on it or changed it.`,
        'Refresh, check the current state, then try again.',
        options,
      );
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
    case 'TooManyRequestsException':
      return new AppError(
        'throttled',
        'AWS is receiving too many requests right now.',
        'Wait a minute, then try again.',
        options,
      );
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
    case 'AuthFailure':
      return new AppError(
        'bad-credentials',
        'AWS did not accept this access key. It may be deactivated, deleted or mistyped.',
        'Sign in again with a working profile or key, or ask your administrator for a new key.',
        options,
      );
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'TokenRefreshRequired':
    case 'RequestExpired':
      return new AppError(
        'expired-credentials',
        'Your AWS sign-in has expired.',
        'Sign in again (for SSO profiles: run "aws sso login" first).',
        options,
      );
    case 'ServiceFailure':
    case 'InternalFailure':
    case 'ServiceUnavailable':
    case 'InternalError':
      return new AppError(
        'aws-failure',
        `AWS had a problem on its side while trying to ${context.doing}.`,
        'Wait a moment and try again. If it keeps happening, check the AWS Health Dashboard.',
        options,
      );
    default:
      return new AppError(
        'aws-failure',
        `AWS refused to ${context.doing} (${code}).`,
        'Try again. If it keeps happening, show this message to your AWS administrator.',
        options,
      );
  }
}

/**
 * AWS never answered, so nothing is known about the key or the request: the person is told what
 * to check on their side, and never that a key is broken or that AWS refused.
 */
function unreachedError(
  how: NetworkFailure,
  context: AwsErrorContext,
  options: { cause: unknown },
): AppError {
  const check =
    'Check your internet connection and your VPN, if your company uses one. If Settings has a ' +
    'test server address (endpoint), check it too. Then try again.';
  return how === 'tls'
    ? new AppError(
        'network',
        `Keyward could not reach AWS to ${context.doing}: a secure connection could not be made.`,
        `${check} A company network that inspects secure connections can cause this: ask your IT team.`,
        options,
      )
    : new AppError('network', `Keyward could not reach AWS to ${context.doing}.`, check, options);
}

function clockError(options: { cause: unknown }): AppError {
  return new AppError(
    'bad-credentials',
    'AWS refused the request because your computer’s clock is wrong.',
    'Check your computer’s clock: set the date, time and time zone to update automatically, then try again.',
    options,
  );
}

/**
 * AWS answers a GetSessionToken whose MFA code it did not take with an AccessDenied saying
 * "MultiFactorAuthentication failed": with an invalid code, or with a device it could not use
 * (not the caller's, or unknown). Null for any other error.
 */
export function mfaCodeRefusal(error: unknown): 'wrong-code' | 'wrong-device' | null {
  const message = error instanceof Error ? error.message : '';
  if (!isAccessDenied(error) || !/MultiFactorAuthentication/.test(message)) return null;
  return /invalid MFA one time pass code/i.test(message) ? 'wrong-code' : 'wrong-device';
}
