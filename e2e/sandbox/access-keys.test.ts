import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect } from 'vitest';
import { awsError, containing, iamClient, it, objectContaining, stsClient } from './test-support';

describe('IAM access keys', () => {
  it('creates AWS-shaped random keys for the caller when no user is named', async ({
    sandbox,
    iam,
  }) => {
    const alice = iamClient(sandbox, sandbox.credentialsFor('alice'));
    const { AccessKey } = await alice.send(new CreateAccessKeyCommand({}));
    expect(AccessKey).toMatchObject({ UserName: 'alice', Status: 'Active' });
    expect(AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(sandbox.state.accessKeys.get(AccessKey?.AccessKeyId ?? '')?.userName).toBe('alice');

    const other = await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }));
    expect(other.AccessKey?.AccessKeyId).not.toBe(AccessKey?.AccessKeyId);
    expect(other.AccessKey?.SecretAccessKey).not.toBe(AccessKey?.SecretAccessKey);
  });

  it('allows two keys per user and answers LimitExceeded 409 for a third', async ({
    sandbox,
    iam,
  }) => {
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const error = await awsError(iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })));
    expect(error).toEqual({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      name: 'LimitExceededException',
    });
    expect(sandbox.state.keysOf('alice')).toHaveLength(2);
  });

  it('answers NoSuchEntity when creating a key for a user that does not exist', async ({ iam }) => {
    expect(
      await awsError(iam.send(new CreateAccessKeyCommand({ UserName: 'ghost' }))),
    ).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name ghost cannot be found.',
    });
  });

  it('lists key metadata, oldest first, without secrets', async ({ sandbox, iam }) => {
    const { AccessKeyMetadata, IsTruncated } = await iam.send(
      new ListAccessKeysCommand({ UserName: 'bob' }),
    );
    const [older, newer] = sandbox.state.keysOf('bob');
    expect(IsTruncated).toBe(false);
    expect(AccessKeyMetadata).toEqual([
      {
        UserName: 'bob',
        AccessKeyId: older?.accessKeyId,
        Status: 'Inactive',
        CreateDate: new Date(Math.floor((older?.createDate.getTime() ?? 0) / 1000) * 1000),
      },
      objectContaining({ AccessKeyId: newer?.accessKeyId, Status: 'Active' }),
    ]);
    expect(JSON.stringify(AccessKeyMetadata)).not.toContain(older?.secretAccessKey);
  });

  it('lets a new key sign at once, refuses it once Inactive and forgets it once deleted', async ({
    sandbox,
    iam,
  }) => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const credentials = {
      accessKeyId: AccessKey?.AccessKeyId ?? '',
      secretAccessKey: AccessKey?.SecretAccessKey ?? '',
    };
    const asNewKey = stsClient(sandbox, credentials);
    const identity = await asNewKey.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/alice');

    await iam.send(
      new UpdateAccessKeyCommand({
        UserName: 'alice',
        AccessKeyId: credentials.accessKeyId,
        Status: 'Inactive',
      }),
    );
    const invalid = {
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    };
    expect(await awsError(asNewKey.send(new GetCallerIdentityCommand({})))).toMatchObject(invalid);
    expect(
      await awsError(iamClient(sandbox, credentials).send(new ListAccessKeysCommand({}))),
    ).toMatchObject(invalid);

    await iam.send(
      new UpdateAccessKeyCommand({
        AccessKeyId: credentials.accessKeyId,
        UserName: 'alice',
        Status: 'Active',
      }),
    );
    await asNewKey.send(new GetCallerIdentityCommand({}));

    await iam.send(
      new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: credentials.accessKeyId }),
    );
    expect(sandbox.state.accessKeys.has(credentials.accessKeyId)).toBe(false);
    expect(await awsError(asNewKey.send(new GetCallerIdentityCommand({})))).toMatchObject(invalid);
  });

  it('answers NoSuchEntity for a key that is unknown or belongs to someone else', async ({
    sandbox,
    iam,
  }) => {
    const bobsKey = sandbox.credentialsFor('bob').accessKeyId;
    const calls = [
      () =>
        iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'alice',
            AccessKeyId: bobsKey,
            Status: 'Inactive',
          }),
        ),
      () => iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: bobsKey })),
    ];
    for (const call of calls) {
      expect(await awsError(call())).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: `The Access Key with id ${bobsKey} cannot be found.`,
      });
    }
    expect(sandbox.state.accessKeys.get(bobsKey)?.status).toBe('Active');
  });

  it('validates the status and the key id of UpdateAccessKey', async ({ sandbox, iam }) => {
    const { accessKeyId } = sandbox.credentialsFor('alice');
    expect(
      await awsError(
        iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'alice',
            AccessKeyId: accessKeyId,
            Status: 'Disabled' as 'Inactive',
          }),
        ),
      ),
    ).toMatchObject({
      code: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value at 'status' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [Active, Inactive]',
    });
    expect(
      await awsError(
        iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'short' })),
      ),
    ).toMatchObject({ code: 'ValidationError', message: containing('accessKeyId') });
  });

  it('reports N/A for a key never used, then the service and region of its last signed call', async ({
    sandbox,
    iam,
  }) => {
    const nobody = sandbox.credentialsFor('nobody');
    const before = await iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: nobody.accessKeyId }),
    );
    expect(before.UserName).toBe('nobody');
    expect(before.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });

    await stsClient(sandbox, nobody).send(new GetCallerIdentityCommand({}));
    const afterSts = await iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: nobody.accessKeyId }),
    );
    expect(afterSts.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'us-east-1' });
    expect(
      Math.abs((afterSts.AccessKeyLastUsed?.LastUsedDate?.getTime() ?? 0) - Date.now()),
    ).toBeLessThan(5000);

    // Refused requests count too: IAM records the key once it has authenticated.
    await awsError(iamClient(sandbox, nobody).send(new ListAccessKeysCommand({})));
    expect(sandbox.state.accessKeys.get(nobody.accessKeyId)?.lastUsed?.serviceName).toBe('iam');
  });

  it('answers AccessDenied, as IAM does, for the last use of a key that does not exist', async ({
    iam,
  }) => {
    const error = await awsError(
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })),
    );
    expect(error).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      message:
        'User: arn:aws:iam::123456789012:user/admin is not authorized to perform: ' +
        'iam:GetAccessKeyLastUsed on resource: access key AKIAAAAAAAAAAAAAAAAA',
    });
  });
});
