import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { describe, expect } from 'vitest';
import { generateSeed } from './generate-seed';
import { awsError, iamClient, it } from './test-support';

const serial = 'arn:aws:iam::123456789012:mfa/dora-phone';

describe('what removing a person touches besides keys', () => {
  it('a console password (login profile): made, read, deleted, and refused twice', async ({
    iam,
  }) => {
    await iam.send(new CreateUserCommand({ UserName: 'dora' }));
    await iam.send(
      new CreateLoginProfileCommand({
        UserName: 'dora',
        Password: 'correct horse battery',
        PasswordResetRequired: true,
      }),
    );
    const { LoginProfile } = await iam.send(new GetLoginProfileCommand({ UserName: 'dora' }));
    expect(LoginProfile).toMatchObject({ UserName: 'dora', PasswordResetRequired: true });
    expect(
      await awsError(
        iam.send(new CreateLoginProfileCommand({ UserName: 'dora', Password: 'another one!' })),
      ),
    ).toMatchObject({ code: 'EntityAlreadyExists', status: 409 });

    await iam.send(new DeleteLoginProfileCommand({ UserName: 'dora' }));
    expect(
      await awsError(iam.send(new GetLoginProfileCommand({ UserName: 'dora' }))),
    ).toMatchObject({
      code: 'NoSuchEntity',
      message: 'Login Profile for User dora cannot be found.',
    });
  });

  it('groups: a user is listed in the groups it was added to, and removed from them', async ({
    iam,
  }) => {
    await iam.send(new CreateUserCommand({ UserName: 'dora' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'Billing' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'dora' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Billing', UserName: 'dora' }));

    const { Groups } = await iam.send(new ListGroupsForUserCommand({ UserName: 'dora' }));
    expect(Groups?.map((group) => group.GroupName)).toEqual(['Billing', 'developers']);
    expect(Groups?.[1]).toMatchObject({
      Arn: 'arn:aws:iam::123456789012:group/developers',
      Path: '/',
    });
    expect(Groups?.[1]?.GroupId).toMatch(/^AGPA/);

    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'developers', UserName: 'dora' }));
    const after = await iam.send(new ListGroupsForUserCommand({ UserName: 'dora' }));
    expect(after.Groups?.map((group) => group.GroupName)).toEqual(['Billing']);
    expect(
      await awsError(
        iam.send(new AddUserToGroupCommand({ GroupName: 'nobody', UserName: 'dora' })),
      ),
    ).toMatchObject({ code: 'NoSuchEntity', status: 404 });
  });

  it('DeleteUser refuses while a password, an MFA device or a group remains, in IAM’s order', async ({
    sandbox,
    iam,
  }) => {
    await iam.send(new CreateUserCommand({ UserName: 'dora' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'dora', Password: 'long enough' }));
    sandbox.state.addMfaDevice('dora', {
      serialNumber: serial,
      base32Seed: 'JBSWY3DPEHPK3PXP',
      enableDate: new Date(),
    });
    await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'dora' }));
    const deleteDora = () => awsError(iam.send(new DeleteUserCommand({ UserName: 'dora' })));

    expect(await deleteDora()).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must delete login profile first.',
    });
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'dora' }));
    expect((await deleteDora()).message).toBe(
      'Cannot delete entity, must delete MFA device first.',
    );

    expect(
      await awsError(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))),
    ).toMatchObject({ code: 'DeleteConflict' });
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'dora', SerialNumber: serial }));
    const { MFADevices } = await iam.send(new ListMFADevicesCommand({ UserName: 'dora' }));
    expect(MFADevices).toEqual([]);
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    expect((await deleteDora()).message).toBe(
      'Cannot delete entity, must remove users from group first.',
    );

    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'developers', UserName: 'dora' }));
    await iam.send(new DeleteUserCommand({ UserName: 'dora' }));
    expect(sandbox.state.findUser('dora')).toBeUndefined();
  });

  it('seeds passwords and groups, and the credential report shows the password', async ({
    startSandbox,
  }) => {
    const seed = generateSeed({ users: 2 });
    const [first] = seed.users;
    if (!first) throw new Error('the seed has users');
    first.loginProfile = true;
    first.groups = ['developers'];
    const sandbox = await startSandbox({ seed });
    const iam = iamClient(sandbox);
    try {
      const { Groups } = await iam.send(new ListGroupsForUserCommand({ UserName: first.userName }));
      expect(Groups?.map((group) => group.GroupName)).toEqual(['developers']);
      await iam.send(new GenerateCredentialReportCommand({}));
      const { Content } = await iam.send(new GetCredentialReportCommand({}));
      const row = new TextDecoder()
        .decode(Content)
        .split('\n')
        .find((line) => line.startsWith(`${first.userName},`));
      expect(row?.split(',')[3]).toBe('true');
    } finally {
      iam.destroy();
    }
  });
});
