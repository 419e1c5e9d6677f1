import { IAMServiceException } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { isNetworkFailure, isThrottling, translateAwsError } from './aws-errors';

function awsError(name: string, message = 'AWS wording that must not reach the screen') {
  return new IAMServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

describe('AWS errors in plain words', () => {
  it.each([
    ['AccessDenied', 'access-denied'],
    ['LimitExceeded', 'key-limit'],
    ['NoSuchEntity', 'not-found'],
    ['InvalidInput', 'invalid-input'],
    ['DeleteConflict', 'conflict'],
    ['ServiceFailure', 'aws-failure'],
    ['Throttling', 'throttled'],
    ['InvalidClientTokenId', 'bad-credentials'],
    ['SignatureDoesNotMatch', 'bad-credentials'],
    ['ExpiredToken', 'expired-credentials'],
    ['SomethingAwsAddsNextYear', 'aws-failure'],
  ])('%s becomes %s with a next step, not AWS’s wording', (name, code) => {
    const error = translateAwsError(awsError(name), {
      doing: 'delete the access key',
      userName: 'bob',
    });
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.hint.length).toBeGreaterThan(10);
    expect(`${error.message} ${error.hint}`).not.toContain('AWS wording');
  });

  it('names the refused action and the user in an AccessDenied', () => {
    const error = translateAwsError(
      awsError(
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:DeleteAccessKey on resource: user bob',
      ),
      { doing: 'delete the access key', userName: 'bob' },
    );
    expect(error.message).toBe('Your AWS account is not allowed to delete the access key for bob.');
    expect(error.hint).toBe('Ask your AWS administrator to allow "iam:DeleteAccessKey" for you.');
    expect(error.details).toEqual({ deniedAction: 'iam:DeleteAccessKey' });
  });

  it('asks to check the computer’s clock when AWS says the signature is from another time', () => {
    const skewed = awsError(
      'SignatureDoesNotMatch',
      'Signature expired: 20261128T080000Z is now earlier than 20261128T081500Z',
    );
    const error = translateAwsError(skewed, { doing: 'sign in' });
    expect(error.message).toContain('clock is wrong');
    expect(error.hint).toMatch(/date, time and time zone/);
    expect(
      translateAwsError(
        awsError('SignatureDoesNotMatch', 'The request signature we calculated does not match'),
        { doing: 'sign in' },
      ).message,
    ).not.toContain('clock');
  });

  it('keeps AWS’s request id in the details, for an administrator', () => {
    const error = awsError('NoSuchEntity');
    error.$metadata.requestId = 'c0ffee00-1111-2222-3333-444455556666';
    expect(translateAwsError(error, { doing: 'list the access keys' }).details).toEqual({
      requestId: 'c0ffee00-1111-2222-3333-444455556666',
    });
  });

  it('tells a network failure apart from an AWS answer', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(isNetworkFailure(reset)).toBe(true);
    expect(isNetworkFailure(awsError('Throttling'))).toBe(false);
    expect(isThrottling(awsError('Throttling'))).toBe(true);
    const error = translateAwsError(reset, { doing: 'list the access keys' });
    expect(error.code).toBe('network');
    expect(error.hint).toMatch(/internet connection/);
  });
});
