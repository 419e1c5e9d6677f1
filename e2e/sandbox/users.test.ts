import {
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListAccountAliasesCommand,
  ListUsersCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { describe, expect } from 'vitest';
import { generateSeed } from './generate-seed';
import { awsError, containing, iamClient, it } from './test-support';

describe('IAM users', () => {
  it('creates a user with its path, id, ARN, creation date and tags', async ({ sandbox, iam }) => {
    const { User } = await iam.send(
      new CreateUserCommand({
        UserName: 'carol',
        Path: '/engineering/',
        Tags: [{ Key: 'team', Value: 'data' }],
      }),
    );
    expect(User).toMatchObject({
      UserName: 'carol',
      Path: '/engineering/',
      Arn: 'arn:aws:iam::123456789012:user/engineering/carol',
      Tags: [{ Key: 'team', Value: 'data' }],
    });
    expect(User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(Math.abs((User?.CreateDate?.getTime() ?? 0) - Date.now())).toBeLessThan(5000);
    expect(sandbox.state.findUser('carol')?.permission).toBe('none');
  });

  it('refuses a second user whose name differs only in case', async ({ iam }) => {
    const error = await awsError(iam.send(new CreateUserCommand({ UserName: 'ALICE' })));
    expect(error).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'User with name ALICE already exists.',
    });
  });

  it('validates user names and paths as IAM does', async ({ iam }) => {
    expect(await awsError(iam.send(new CreateUserCommand({ UserName: 'bad name' })))).toMatchObject(
      {
        code: 'ValidationError',
        status: 400,
        message:
          'The specified value for userName is invalid. It must contain only alphanumeric ' +
          'characters and/or the following: +=,.@_-',
      },
    );
    expect(
      await awsError(iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65) }))),
    ).toMatchObject({
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'userName' failed to satisfy constraint: " +
        'Member must have length less than or equal to 64',
    });
    expect(
      await awsError(iam.send(new CreateUserCommand({ UserName: 'carol', Path: 'nope' }))),
    ).toMatchObject({ code: 'ValidationError', message: containing('path') });
  });

  it('describes the caller when GetUser has no user name', async ({ sandbox }) => {
    const alice = iamClient(sandbox, sandbox.credentialsFor('alice'));
    const { User } = await alice.send(new GetUserCommand({}));
    expect(User).toMatchObject({
      UserName: 'alice',
      Arn: 'arn:aws:iam::123456789012:user/alice',
      UserId: sandbox.state.findUser('alice')?.userId,
    });
    expect(User?.Tags?.map((tag) => tag.Key)).toContain('team');
  });

  it('answers NoSuchEntity 404 in AWS words for a user that does not exist', async ({ iam }) => {
    const error = await awsError(iam.send(new GetUserCommand({ UserName: 'bobby' })));
    expect(error).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name bobby cannot be found.',
      name: 'NoSuchEntityException',
    });
  });

  it('filters ListUsers by path prefix and leaves tags out of the list', async ({ iam }) => {
    const { Users } = await iam.send(new ListUsersCommand({ PathPrefix: '/audit/' }));
    expect(Users?.map((user) => user.UserName)).toEqual(['auditor']);
    expect(Users?.[0]?.Tags).toBeUndefined();
  });

  it('rejects MaxItems outside 1–1000', async ({ iam }) => {
    expect(await awsError(iam.send(new ListUsersCommand({ MaxItems: 0 })))).toMatchObject({
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: " +
        'Member must have value greater than or equal to 1',
    });
    expect(await awsError(iam.send(new ListUsersCommand({ MaxItems: 1001 })))).toMatchObject({
      code: 'ValidationError',
    });
  });

  it('pages 250 users 100 at a time with Marker and IsTruncated', async ({ startSandbox }) => {
    const seed = generateSeed({ users: 250, seed: 7 });
    const sandbox = await startSandbox({ seed });
    const iam = iamClient(sandbox);

    const first = await iam.send(new ListUsersCommand({}));
    expect(first.Users).toHaveLength(100);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTruthy();
    const second = await iam.send(new ListUsersCommand({ Marker: first.Marker }));
    expect(second.Users).toHaveLength(100);
    const third = await iam.send(new ListUsersCommand({ Marker: second.Marker }));
    expect(third.Users).toHaveLength(50);
    expect(third.IsTruncated).toBe(false);
    expect(third.Marker).toBeUndefined();

    const names: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 1000 }, {})) {
      names.push(...(page.Users ?? []).map((user) => user.UserName ?? ''));
    }
    const expected = seed.users.map((user) => user.userName).sort();
    expect(names).toEqual(expected);
    expect(
      [...(first.Users ?? []), ...(second.Users ?? []), ...(third.Users ?? [])].map(
        (u) => u.UserName,
      ),
    ).toEqual(expected);
  });

  it('refuses to delete a user that still has keys, then deletes it once they are gone', async ({
    sandbox,
    iam,
  }) => {
    expect(await awsError(iam.send(new DeleteUserCommand({ UserName: 'nobody' })))).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete access keys first.',
    });
    const { accessKeyId } = sandbox.credentialsFor('nobody');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'nobody', AccessKeyId: accessKeyId }));
    await iam.send(new DeleteUserCommand({ UserName: 'nobody' }));
    expect(sandbox.state.findUser('nobody')).toBeUndefined();
    expect(await awsError(iam.send(new DeleteUserCommand({ UserName: 'nobody' })))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
    });
  });

  it('refuses to delete a user that still has an MFA device', async ({ sandbox, iam }) => {
    const { accessKeyId } = sandbox.credentialsFor('nobody');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'nobody', AccessKeyId: accessKeyId }));
    sandbox.addMfaDevice('nobody');
    expect(await awsError(iam.send(new DeleteUserCommand({ UserName: 'nobody' })))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete MFA device first.',
      name: 'DeleteConflictException',
    });
    expect(sandbox.state.findUser('nobody')).toBeDefined();
  });

  it('lists the account alias', async ({ iam }) => {
    const { AccountAliases, IsTruncated } = await iam.send(new ListAccountAliasesCommand({}));
    expect(AccountAliases).toEqual(['example-corp']);
    expect(IsTruncated).toBe(false);
  });
});
