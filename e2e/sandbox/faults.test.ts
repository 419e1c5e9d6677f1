import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { describe, expect } from 'vitest';
import { awsError, iamClient, it } from './test-support';

describe('fault injection', () => {
  it('delays every answer by the configured latency', async ({ sandbox, iam }) => {
    sandbox.faults.setLatency(150);
    const started = performance.now();
    await iam.send(new ListUsersCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    sandbox.faults.clear();
    const again = performance.now();
    await iam.send(new ListUsersCommand({}));
    expect(performance.now() - again).toBeLessThan(145);
  });

  it('throttles beyond the token bucket with Throttling 400 "Rate exceeded"', async ({
    sandbox,
    iam,
  }) => {
    sandbox.faults.setRateLimit({ perSecond: 1, burst: 2 });
    await iam.send(new ListUsersCommand({}));
    await iam.send(new ListUsersCommand({}));
    expect(await awsError(iam.send(new ListUsersCommand({})))).toMatchObject({
      code: 'Throttling',
      status: 400,
      message: 'Rate exceeded',
    });
    expect(sandbox.stats.throttled()).toBe(1);
    expect(sandbox.stats.calls('ListUsers')).toBe(3);
    sandbox.faults.setRateLimit(undefined);
    await iam.send(new ListUsersCommand({}));
  });

  it('applies a rate limit given at start-up', async ({ startSandbox }) => {
    const sandbox = await startSandbox({ rateLimit: { perSecond: 1, burst: 1 } });
    const iam = iamClient(sandbox);
    await iam.send(new ListUsersCommand({}));
    expect((await awsError(iam.send(new ListUsersCommand({})))).code).toBe('Throttling');
  });

  it('fails the nth request of an action with ServiceFailure 500 and does not act', async ({
    sandbox,
    iam,
  }) => {
    sandbox.faults.failNth('CreateUser', 2, 'error');
    await iam.send(new CreateUserCommand({ UserName: 'first' }));
    expect(await awsError(iam.send(new CreateUserCommand({ UserName: 'second' })))).toMatchObject({
      code: 'ServiceFailure',
      status: 500,
      message: 'Request processing has failed because of an unknown error, exception or failure.',
    });
    expect(sandbox.state.findUser('second')).toBeUndefined();
    await iam.send(new CreateUserCommand({ UserName: 'second' }));
    expect(sandbox.state.findUser('second')).toBeDefined();
  });

  it('lets the SDK retry ride out a one-off ServiceFailure', async ({ sandbox }) => {
    sandbox.faults.failNth('ListUsers', 1, 'error');
    const { $metadata } = await iamClient(sandbox, sandbox.admin, 3).send(new ListUsersCommand({}));
    expect($metadata.attempts).toBe(2);
  });

  it('creates the key but drops the connection, so the caller sees only a network error', async ({
    sandbox,
    iam,
  }) => {
    sandbox.faults.failNth('CreateAccessKey', 1, 'drop-after-commit');
    const error = await awsError(iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })));
    expect(error.code).toBeUndefined();
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/socket hang up|ECONNRESET/i);

    const keys = sandbox.state.keysOf('alice');
    expect(keys).toHaveLength(2);
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    expect(AccessKeyMetadata?.map((key) => key.AccessKeyId)).toEqual(
      keys.map((key) => key.accessKeyId),
    );
  });

  it('counts calls per action and in total until reset', async ({ sandbox, iam }) => {
    sandbox.stats.reset();
    await iam.send(new ListUsersCommand({}));
    await iam.send(new ListUsersCommand({}));
    await iam.send(new ListAccessKeysCommand({}));
    expect(sandbox.stats.calls('ListUsers')).toBe(2);
    expect(sandbox.stats.calls('ListAccessKeys')).toBe(1);
    expect(sandbox.stats.calls()).toBe(3);
    sandbox.stats.reset();
    expect(sandbox.stats.calls()).toBe(0);
  });
});
