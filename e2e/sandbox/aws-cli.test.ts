import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxCredentials } from './sandbox';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

let sandbox: Sandbox;
let home: string;

beforeAll(async () => {
  try {
    await access(AWS_CLI, constants.X_OK);
  } catch {
    // CI installs it; a missing CLI must fail loudly rather than skip these checks.
    throw new Error(`Debian's AWS CLI is required at ${AWS_CLI}: apt-get install awscli`);
  }
  home = await mkdtemp(join(tmpdir(), 'sandbox-aws-cli-'));
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await rm(home, { recursive: true, force: true });
});

/** The CLI isolated from any real AWS setup on the machine: only these credentials, no files. */
async function aws(
  credentials: SandboxCredentials & { sessionToken?: string },
  ...args: string[]
): Promise<unknown> {
  const { stdout } = await run(
    AWS_CLI,
    [...args, '--endpoint-url', sandbox.endpoint, '--output', 'json'],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        ...(credentials.sessionToken !== undefined && {
          AWS_SESSION_TOKEN: credentials.sessionToken,
        }),
        AWS_DEFAULT_REGION: sandbox.region,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      },
    },
  );
  // Commands that change something without answering (add-user-to-group) print nothing.
  return stdout.trim() === '' ? null : (JSON.parse(stdout) as unknown);
}

/** Runs a CLI command that must fail, and returns what it printed on stderr. */
async function awsFailure(
  credentials: SandboxCredentials,
  ...args: string[]
): Promise<{ stderr: string }> {
  return aws(credentials, ...args).then(
    () => {
      throw new Error(`Expected aws ${args.join(' ')} to fail`);
    },
    (error: unknown) => error as { stderr: string },
  );
}

describe("Debian's AWS CLI against the sandbox", () => {
  it('lists users, creates a key, and signs with that key at once', async () => {
    const users = (await aws(sandbox.admin, 'iam', 'list-users')) as {
      Users: { UserName: string }[];
    };
    expect(users.Users.map((user) => user.UserName)).toEqual([
      'admin',
      'alice',
      'auditor',
      'bob',
      'nobody',
    ]);

    const created = (await aws(
      sandbox.admin,
      'iam',
      'create-access-key',
      '--user-name',
      'alice',
    )) as {
      AccessKey: { AccessKeyId: string; SecretAccessKey: string; UserName: string };
    };
    expect(created.AccessKey.UserName).toBe('alice');
    expect(sandbox.state.accessKeys.get(created.AccessKey.AccessKeyId)?.userName).toBe('alice');

    const identity = await aws(
      {
        accessKeyId: created.AccessKey.AccessKeyId,
        secretAccessKey: created.AccessKey.SecretAccessKey,
      },
      'sts',
      'get-caller-identity',
    );
    expect(identity).toEqual({
      UserId: sandbox.state.findUser('alice')?.userId,
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/alice',
    });
  });

  it("shows IAM's error code and message", async () => {
    const failure = await awsFailure(sandbox.admin, 'iam', 'get-user', '--user-name', 'ghost');
    expect(failure.stderr).toContain(
      'An error occurred (NoSuchEntity) when calling the GetUser operation: ' +
        'The user with name ghost cannot be found.',
    );
  });

  it('lists MFA devices and starts an MFA session that reaches IAM', async () => {
    const device = sandbox.mfaDeviceOf('admin');
    const devices = (await aws(sandbox.admin, 'iam', 'list-mfa-devices')) as {
      MFADevices: { UserName: string; SerialNumber: string; EnableDate: string }[];
    };
    expect(devices.MFADevices).toEqual([
      {
        UserName: 'admin',
        SerialNumber: device.serialNumber,
        EnableDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) as unknown,
      },
    ]);

    const started = (await aws(
      sandbox.admin,
      'sts',
      'get-session-token',
      '--serial-number',
      device.serialNumber,
      '--token-code',
      device.code(),
      '--duration-seconds',
      '900',
    )) as {
      Credentials: {
        AccessKeyId: string;
        SecretAccessKey: string;
        SessionToken: string;
        Expiration: string;
      };
    };
    const { Credentials } = started;
    expect(Credentials.AccessKeyId).toMatch(/^ASIA/);
    const minutes = (Date.parse(Credentials.Expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThanOrEqual(15);
    const keys = (await aws(
      {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        sessionToken: Credentials.SessionToken,
      },
      'iam',
      'list-access-keys',
    )) as { AccessKeyMetadata: { UserName: string }[] };
    expect(keys.AccessKeyMetadata[0]?.UserName).toBe('admin');
  });

  it("shows STS's refusals of a wrong code and a duration out of range", async () => {
    const { serialNumber } = sandbox.mfaDeviceOf('admin');
    const tooLong = await awsFailure(
      sandbox.admin,
      'sts',
      'get-session-token',
      '--duration-seconds',
      '129601',
    );
    expect(tooLong.stderr).toContain(
      'An error occurred (ValidationError) when calling the GetSessionToken operation: ' +
        "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy " +
        'constraint: Member must have value less than or equal to 129600',
    );
    const stale = sandbox.mfaDeviceOf('admin').code(new Date(Date.now() - 3_600_000));
    const wrongCode = await awsFailure(
      sandbox.admin,
      'sts',
      'get-session-token',
      '--serial-number',
      serialNumber,
      '--token-code',
      stale,
    );
    expect(wrongCode.stderr).toContain(
      'An error occurred (AccessDenied) when calling the GetSessionToken operation: ' +
        'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
  });

  it('manages console passwords and groups, and refuses to delete a user who still has them', async () => {
    await aws(sandbox.admin, 'iam', 'create-user', '--user-name', 'erin');
    await aws(
      sandbox.admin,
      'iam',
      'create-login-profile',
      '--user-name',
      'erin',
      '--password',
      'a long password',
    );
    await aws(sandbox.admin, 'iam', 'create-group', '--group-name', 'ops');
    await aws(
      sandbox.admin,
      'iam',
      'add-user-to-group',
      '--group-name',
      'ops',
      '--user-name',
      'erin',
    );
    const groups = (await aws(
      sandbox.admin,
      'iam',
      'list-groups-for-user',
      '--user-name',
      'erin',
    )) as {
      Groups: { GroupName: string }[];
    };
    expect(groups.Groups.map((group) => group.GroupName)).toEqual(['ops']);

    const refused = await awsFailure(sandbox.admin, 'iam', 'delete-user', '--user-name', 'erin');
    expect(refused.stderr).toContain(
      'An error occurred (DeleteConflict) when calling the DeleteUser operation: ' +
        'Cannot delete entity, must delete login profile first.',
    );
    await aws(sandbox.admin, 'iam', 'delete-login-profile', '--user-name', 'erin');
    await aws(
      sandbox.admin,
      'iam',
      'remove-user-from-group',
      '--group-name',
      'ops',
      '--user-name',
      'erin',
    );
    expect(await aws(sandbox.admin, 'iam', 'delete-user', '--user-name', 'erin')).toBeNull();
    expect(sandbox.state.findUser('erin')).toBeUndefined();
  });
});
