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
async function aws(credentials: SandboxCredentials, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(
    AWS_CLI,
    [...args, '--endpoint-url', sandbox.endpoint, '--output', 'json'],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_DEFAULT_REGION: sandbox.region,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      },
    },
  );
  return JSON.parse(stdout) as unknown;
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
    const failure = await aws(sandbox.admin, 'iam', 'get-user', '--user-name', 'ghost').then(
      () => undefined,
      (error: unknown) => error as { stderr: string; code: number },
    );
    expect(failure?.stderr).toContain(
      'An error occurred (NoSuchEntity) when calling the GetUser operation: ' +
        'The user with name ghost cannot be found.',
    );
  });
});
