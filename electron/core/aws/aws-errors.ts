import { AppError } from '../errors';

/** What was being attempted, so the sentence can say it in the person's terms. */
export interface AwsErrorContext {
  /** e.g. "create an access key", "list the IAM users". */
  doing: string;
  userName?: string;
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/**
 * The AWS error code of an SDK error, as AWS's documentation names it. Modelled exceptions carry
 * it in `Code` (their `name` is the SDK class, e.g. NoSuchEntityException); others in `name`.
 */
export function awsErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const withMeta = error as Error & { $metadata?: unknown; Code?: unknown };
  if (typeof withMeta.Code === 'string') return withMeta.Code;
  return withMeta.$metadata !== undefined ? error.name : undefined;
}

/** No answer came back (refused, reset, timed out): AWS may or may not have acted. */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && networkCodes.has(code)) return true;
  if (awsErrorCode(error) !== undefined) return false;
  return (
    error.name === 'TimeoutError' ||
    error.name === 'AbortError' ||
    /socket hang up|ECONNRESET|ECONNREFUSED|network|timed? ?out/i.test(error.message)
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
  if (typeof requestId === 'string' && requestId !== '') {
    translated.details = { ...translated.details, requestId };
  }
  return translated;
}

function translate(error: unknown, context: AwsErrorContext): AppError {
  const code = awsErrorCode(error);
  const awsMessage = error instanceof Error ? error.message : '';
  const whom = context.userName ? ` for ${context.userName}` : '';
  const options = { cause: error };

  if (code === undefined) {
    if (isNetworkFailure(error)) {
      return new AppError(
        'network',
        `Keyward could not reach AWS to ${context.doing}.`,
        'Check your internet connection (and VPN, if your company uses one), then try again.',
        options,
      );
    }
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

  if (
    code === 'RequestTimeTooSkewed' ||
    (code === 'SignatureDoesNotMatch' && /expired|skew/i.test(awsMessage))
  ) {
    return clockError(options);
  }
  switch (code) {
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnauthorizedOperation': {
      const action = /perform: (\S+)/.exec(awsMessage)?.[1];
      const error = new AppError(
        'access-denied',
        `Your AWS account is not allowed to ${context.doing}${whom}.`,
        action
          ? `Ask your AWS administrator to allow "${action}" for you.`
          : 'Ask your AWS administrator for the permission to do this.',
        options,
      );
      if (action) error.details = { deniedAction: action };
      return error;
    }
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

/** AWS refuses requests signed more than 15 minutes away from its own clock. */
function clockError(options: { cause: unknown }): AppError {
  return new AppError(
    'bad-credentials',
    'AWS refused the request because your computer’s clock is wrong.',
    'Check your computer’s clock: set the date, time and time zone to update automatically, then try again.',
    options,
  );
}
