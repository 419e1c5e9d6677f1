import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './sandbox';
import { awsError, iamClient } from './test-support';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

describe('fault injection', () => {
  it('delays every answer by the configured latency', async () => {
    const iam = iamClient(sandbox);
    sandbox.faults.setLatency(150);
    const started = performance.now();
    await iam.send(new ListUsersCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    sandbox.faults.clear();
    const again = performance.now();
    await iam.send(new ListUsersCommand({}));
    expect(performance.now() - again).toBeLessThan(145);
  });

  it('throttles beyond the token bucket with Throttling 400 "Rate exceeded"', async () => {
    const iam = iamClient(sandbox);
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

  it('applies a rate limit given at start-up', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ rateLimit: { perSecond: 1, burst: 1 } });
    const iam = iamClient(sandbox);
    await iam.send(new ListUsersCommand({}));
    expect((await awsError(iam.send(new ListUsersCommand({})))).code).toBe('Throttling');
  });

  it('fails the nth request of an action with ServiceFailure 500 and does not act', async () => {
    const iam = iamClient(sandbox);
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

  it('lets the SDK retry ride out a one-off ServiceFailure', async () => {
    sandbox.faults.failNth('ListUsers', 1, 'error');
    const { $metadata } = await iamClient(sandbox, sandbox.admin, 3).send(new ListUsersCommand({}));
    expect($metadata.attempts).toBe(2);
  });

  it('creates the key but drops the connection, so the caller sees only a network error', async () => {
    const iam = iamClient(sandbox);
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

  it('counts calls per action and in total until reset', async () => {
    const iam = iamClient(sandbox);
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
