import { createServer, type Server } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { IAMServiceException } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  callAws,
  deniedActionOf,
  isAccessDenied,
  isKeyRefused,
  isNetworkFailure,
  isThrottling,
  translateAwsError,
} from './aws-errors';

function awsError(name: string, message = 'AWS wording that must not reach the screen') {
  return new IAMServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

describe('one answer to "was this refused as not allowed?"', () => {
  it.each(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'])(
    '%s from AWS is a refusal, before and after it is explained',
    (name) => {
      const raw = awsError(name, 'User: arn:x is not authorized to perform: iam:ListUsers on *');
      expect(isAccessDenied(raw)).toBe(true);
      const explained = translateAwsError(raw, { doing: 'list the people' });
      expect(isAccessDenied(explained)).toBe(true);
      expect(deniedActionOf(explained)).toBe('iam:ListUsers');
      expect(explained.details).toMatchObject({ deniedAction: 'iam:ListUsers' });
    },
  );

  it.each(['NoSuchEntity', 'InvalidClientTokenId', 'Throttling'])('%s is not', (name) => {
    expect(isAccessDenied(awsError(name))).toBe(false);
    expect(isAccessDenied(translateAwsError(awsError(name), { doing: 'x' }))).toBe(false);
  });
});

describe('the one call wrapper', () => {
  it('passes an answer through and explains a failure with AWS’s request id', async () => {
    expect(await callAws({ doing: 'count' }, () => Promise.resolve(3))).toBe(3);
    const failure = new IAMServiceException({
      name: 'NoSuchEntity',
      message: 'The user with name bob cannot be found.',
      $fault: 'client',
      $metadata: { httpStatusCode: 404, requestId: 'req-123' },
    });
    const error = await callAws({ doing: 'list the access keys', userName: 'bob' }, () =>
      Promise.reject(failure),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not-found', details: { requestId: 'req-123' } });
    expect((error as AppError).message).not.toContain('cannot be found');
  });
});

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
    expect(error.message).toBe(
      'AWS did not let you delete the access key for bob: your permissions in AWS do not allow it.',
    );
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

/**
 * Places that never answer as AWS would, each a real socket on this computer: the SDK's own
 * clients reach them and fail exactly as they do offline, behind a broken VPN or a bad address.
 */
describe('a request that never reached AWS', () => {
  const servers: (Server | NetServer)[] = [];
  const sockets = new Set<Socket>();
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((done) => {
            server.close(() => {
              done();
            });
          }),
      ),
    );
  });
  async function listening(server: Server | NetServer): Promise<string> {
    servers.push(server);
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  }
  /** A server that accepts the connection and then says nothing, as a blackholed route does. */
  const silent = () => listening(createNetServer(() => undefined));
  const resetting = () => listening(createNetServer((socket) => socket.resetAndDestroy()));
  const plainHttp = () => listening(createServer((_request, response) => response.end('hello')));

  /** What the SDK throws, after its retries, at an endpoint; short waits keep the test quick. */
  async function failureAt(endpoint: string): Promise<unknown> {
    const sts = new STSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) },
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 1000, socketTimeout: 500 },
    });
    try {
      await sts.send(new GetCallerIdentityCommand({}));
    } catch (error) {
      return error;
    } finally {
      sts.destroy();
    }
    throw new Error(`expected ${endpoint} to be unreachable`);
  }

  it.each([
    [
      'a port nothing listens on (connection refused)',
      () => Promise.resolve('127.0.0.1:9'),
      'http',
    ],
    ['a server that resets the connection', resetting, 'http'],
    ['a server that never answers (timeout)', silent, 'http'],
    ['a name that does not exist (DNS)', () => Promise.resolve('keyward-test.invalid'), 'http'],
    ['an https address served without TLS', plainHttp, 'https'],
  ])(
    '%s is explained as AWS could not be reached, never as a refusal',
    async (_what, at, scheme) => {
      const error = await failureAt(`${scheme}://${await at()}`);
      expect(isNetworkFailure(error)).toBe(true);
      expect(isKeyRefused(error)).toBe(false);
      const explained = translateAwsError(error, { doing: 'check this key' });
      expect(explained.code).toBe('network');
      expect(explained.message).toMatch(/^Keyward could not reach AWS to check this key/);
      expect(explained.hint).toMatch(/internet connection/);
      expect(explained.hint).toMatch(/VPN/);
      expect(explained.hint).toMatch(/Settings/);
      expect(`${explained.message} ${explained.hint}`).not.toMatch(/refused|deactivated|deleted/i);
    },
  );

  it('tells AWS’s own refusal of a key apart from a lost connection', () => {
    expect(isKeyRefused(awsError('InvalidClientTokenId'))).toBe(true);
    expect(isKeyRefused(awsError('SignatureDoesNotMatch', 'The signature does not match'))).toBe(
      true,
    );
    // A wrong clock is not a broken key.
    expect(isKeyRefused(awsError('SignatureDoesNotMatch', 'Signature expired: 2026…'))).toBe(false);
    expect(isKeyRefused(awsError('Throttling'))).toBe(false);
    expect(isKeyRefused(awsError('AccessDenied'))).toBe(false);
    // Through Keyward's own explanation too, which keeps the SDK error as its cause.
    const explained = translateAwsError(awsError('InvalidClientTokenId'), { doing: 'sign in' });
    expect(isKeyRefused(explained)).toBe(true);
  });
});
