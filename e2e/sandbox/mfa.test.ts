import {
  CreateAccessKeyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  paginateListMFADevices,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { describe, expect } from 'vitest';
import { defaultSeed } from './generate-seed';
import type { Sandbox } from './sandbox';
import type { SandboxSeed } from './seed';
import {
  awsError,
  containing,
  iamClient,
  it,
  rawRequest,
  signedQuery,
  stsClient,
  type ClientCredentials,
} from './test-support';

const ARN = 'arn:aws:iam::123456789012';
const PHONE_SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** The default account, with carol: self-service behind MFA, three devices, none named carol. */
function seedWithCarol(): SandboxSeed {
  const seed = defaultSeed();
  const nobody = seed.users.find((user) => user.userName === 'nobody');
  const carolKey = nobody?.accessKeys?.[0];
  if (!nobody || !carolKey) throw new Error('the default seed changed: nobody has no key');
  // nobody's key moves to carol, so the seed stays valid without inventing key ids here.
  delete nobody.accessKeys;
  seed.users.push({
    userName: 'carol',
    permission: 'self-mfa',
    createDate: '2025-01-01T00:00:00Z',
    accessKeys: [carolKey],
    mfaDevices: [
      {
        serialNumber: `${ARN}:mfa/carol-phone`,
        base32Seed: PHONE_SEED,
        enableDate: '2025-02-01T10:00:00Z',
      },
      { serialNumber: `${ARN}:mfa/carol-backup`, base32Seed: `${PHONE_SEED}AB` },
      { serialNumber: `${ARN}:mfa/desk/carol-tablet`, base32Seed: `${PHONE_SEED}CD` },
    ],
  });
  return seed;
}

const as = (sandbox: Sandbox, credentials: ClientCredentials | string) =>
  iamClient(
    sandbox,
    typeof credentials === 'string' ? sandbox.credentialsFor(credentials) : credentials,
  );

/** A GetSessionToken session of `userName`, through their first MFA device when `withMfa`. */
async function sessionOf(
  sandbox: Sandbox,
  userName: string,
  withMfa: boolean,
): Promise<ClientCredentials> {
  const device = withMfa ? sandbox.mfaDeviceOf(userName) : undefined;
  const { Credentials } = await stsClient(sandbox, sandbox.credentialsFor(userName)).send(
    new GetSessionTokenCommand(
      device ? { SerialNumber: device.serialNumber, TokenCode: device.code() } : {},
    ),
  );
  return {
    accessKeyId: Credentials?.AccessKeyId ?? '',
    secretAccessKey: Credentials?.SecretAccessKey ?? '',
    sessionToken: Credentials?.SessionToken ?? '',
  };
}

/** AWS's refusal; `user` is the caller's path and name, as in its ARN. */
const deniedMessage = (user: string, action: string, resource: string) =>
  `User: ${ARN}:user/${user} is not authorized to perform: ${action} on resource: ` +
  `${resource} because no identity-based policy allows the ${action} action`;

describe('MFA devices in the sandbox', () => {
  it('hands a test the first device of a user, or the one it names', async ({ startSandbox }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    expect(sandbox.mfaDeviceOf('carol').serialNumber).toBe(`${ARN}:mfa/carol-phone`);
    expect(sandbox.mfaDeviceOf('carol').base32Seed).toBe(PHONE_SEED);
    const tablet = sandbox.mfaDeviceOf('carol', `${ARN}:mfa/desk/carol-tablet`);
    expect(tablet.code()).toMatch(/^\d{6}$/);
    expect(() => sandbox.mfaDeviceOf('alice')).toThrow(/alice has no MFA device/);
    expect(() => sandbox.mfaDeviceOf('carol', `${ARN}:mfa/admin`)).toThrow(
      /carol has no MFA device arn:aws:iam::123456789012:mfa\/admin/,
    );
    expect(() => sandbox.addMfaDevice('ghost')).toThrow(/no user named ghost/);
    expect(() => sandbox.addMfaDevice('alice', { serialNumber: `${ARN}:mfa/admin` })).toThrow(
      /already has an MFA device arn:aws:iam::123456789012:mfa\/admin/,
    );
  });
});

describe('ListMFADevices', () => {
  it("lists the caller's devices when no user is named, with their enable dates", async ({
    startSandbox,
  }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const { MFADevices, IsTruncated, Marker } = await as(sandbox, 'carol').send(
      new ListMFADevicesCommand({}),
    );
    expect(MFADevices).toEqual([
      {
        UserName: 'carol',
        SerialNumber: `${ARN}:mfa/carol-backup`,
        EnableDate: new Date('2025-01-01T00:00:00Z'),
      },
      {
        UserName: 'carol',
        SerialNumber: `${ARN}:mfa/carol-phone`,
        EnableDate: new Date('2025-02-01T10:00:00Z'),
      },
      {
        UserName: 'carol',
        SerialNumber: `${ARN}:mfa/desk/carol-tablet`,
        EnableDate: new Date('2025-01-01T00:00:00Z'),
      },
    ]);
    expect(IsTruncated).toBe(false);
    expect(Marker).toBeUndefined();
  });

  it('pages with MaxItems and Marker like the other lists', async ({ startSandbox }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const iam = iamClient(sandbox);
    const first = await iam.send(new ListMFADevicesCommand({ UserName: 'carol', MaxItems: 2 }));
    expect(first.MFADevices?.map((device) => device.SerialNumber)).toEqual([
      `${ARN}:mfa/carol-backup`,
      `${ARN}:mfa/carol-phone`,
    ]);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(
      new ListMFADevicesCommand({ UserName: 'carol', MaxItems: 2, Marker: first.Marker }),
    );
    expect(second.MFADevices?.map((device) => device.SerialNumber)).toEqual([
      `${ARN}:mfa/desk/carol-tablet`,
    ]);
    expect(second.IsTruncated).toBe(false);
    const all: string[] = [];
    for await (const page of paginateListMFADevices(
      { client: iam, pageSize: 1 },
      { UserName: 'carol' },
    )) {
      all.push(...(page.MFADevices ?? []).map((device) => device.SerialNumber ?? ''));
    }
    expect(all).toHaveLength(3);
    expect(
      await awsError(iam.send(new ListMFADevicesCommand({ UserName: 'carol', MaxItems: 0 }))),
    ).toMatchObject({ code: 'ValidationError', message: containing("'maxItems'") });
  });

  it('lets admins and auditors list anyone, self-service users only themselves', async ({
    sandbox,
  }) => {
    const { MFADevices } = await as(sandbox, 'auditor').send(
      new ListMFADevicesCommand({ UserName: 'admin' }),
    );
    expect(MFADevices?.map((device) => device.SerialNumber)).toEqual([`${ARN}:mfa/admin`]);
    expect(
      (await iamClient(sandbox).send(new ListMFADevicesCommand({ UserName: 'bob' }))).MFADevices,
    ).toEqual([]);
    expect((await as(sandbox, 'alice').send(new ListMFADevicesCommand({}))).MFADevices).toEqual([]);
    expect(
      await awsError(as(sandbox, 'alice').send(new ListMFADevicesCommand({ UserName: 'admin' }))),
    ).toEqual({
      code: 'AccessDenied',
      status: 403,
      name: 'AccessDenied',
      message: deniedMessage('alice', 'iam:ListMFADevices', `${ARN}:user/admin`),
    });
    expect(await awsError(as(sandbox, 'nobody').send(new ListMFADevicesCommand({})))).toMatchObject(
      {
        code: 'AccessDenied',
        message: deniedMessage(
          'contractors/nobody',
          'iam:ListMFADevices',
          `${ARN}:user/contractors/nobody`,
        ),
      },
    );
    expect(
      await awsError(iamClient(sandbox).send(new ListMFADevicesCommand({ UserName: 'ghost' }))),
    ).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name ghost cannot be found.',
    });
  });

  it('answers in IAM’s XML shape', async ({ sandbox }) => {
    const response = await rawRequest(
      sandbox.endpoint,
      await signedQuery(sandbox, { Action: 'ListMFADevices', Version: '2010-05-08' }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatch(
      new RegExp(
        '^<ListMFADevicesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
          '<ListMFADevicesResult><MFADevices><member><UserName>admin</UserName>' +
          '<SerialNumber>arn:aws:iam::123456789012:mfa/admin</SerialNumber>' +
          '<EnableDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</EnableDate></member>' +
          '</MFADevices><IsTruncated>false</IsTruncated></ListMFADevicesResult>' +
          '<ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata>' +
          '</ListMFADevicesResponse>$',
      ),
    );
  });
});

describe('the self-mfa permission level', () => {
  it('refuses self-service to a long-term key, naming the action, but lets it find its devices', async ({
    startSandbox,
  }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const carol = as(sandbox, 'carol');
    expect(await awsError(carol.send(new ListAccessKeysCommand({})))).toEqual({
      code: 'AccessDenied',
      status: 403,
      name: 'AccessDenied',
      message: deniedMessage('carol', 'iam:ListAccessKeys', `${ARN}:user/carol`),
    });
    expect(await awsError(carol.send(new GetUserCommand({})))).toMatchObject({
      code: 'AccessDenied',
      message: deniedMessage('carol', 'iam:GetUser', `${ARN}:user/carol`),
    });
    const { MFADevices } = await carol.send(new ListMFADevicesCommand({}));
    expect(MFADevices).toHaveLength(3);
    expect(
      await awsError(carol.send(new ListMFADevicesCommand({ UserName: 'admin' }))),
    ).toMatchObject({ code: 'AccessDenied' });
  });

  it('always answers GetCallerIdentity and GetSessionToken', async ({ startSandbox }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const sts = stsClient(sandbox, sandbox.credentialsFor('carol'));
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`${ARN}:user/carol`);
    const plain = await sessionOf(sandbox, 'carol', false);
    expect(plain.accessKeyId).toMatch(/^ASIA/);
    const identity = await stsClient(sandbox, plain).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`${ARN}:user/carol`);
  });

  it('allows self-service to an MFA session, on the caller only', async ({ startSandbox }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const carol = as(sandbox, await sessionOf(sandbox, 'carol', true));
    const { AccessKeyMetadata } = await carol.send(new ListAccessKeysCommand({}));
    expect(AccessKeyMetadata?.map((key) => key.UserName)).toEqual(['carol']);
    const { AccessKey } = await carol.send(new CreateAccessKeyCommand({}));
    expect(sandbox.state.accessKeys.get(AccessKey?.AccessKeyId ?? '')?.userName).toBe('carol');
    expect(
      await awsError(carol.send(new ListAccessKeysCommand({ UserName: 'bob' }))),
    ).toMatchObject({
      code: 'AccessDenied',
      message: deniedMessage('carol', 'iam:ListAccessKeys', `${ARN}:user/bob`),
    });
    expect(await awsError(carol.send(new ListUsersCommand({})))).toMatchObject({
      code: 'AccessDenied',
    });
  });

  it('keeps an MFA-less session out of IAM altogether, as AWS does', async ({ startSandbox }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const plain = as(sandbox, await sessionOf(sandbox, 'carol', false));
    expect(await awsError(plain.send(new ListMFADevicesCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
    });
  });

  it('can be given to a user of a running sandbox', async ({ sandbox }) => {
    const alice = as(sandbox, 'alice');
    await alice.send(new ListAccessKeysCommand({}));
    sandbox.setPermission('alice', 'self-mfa');
    expect(await awsError(alice.send(new ListAccessKeysCommand({})))).toMatchObject({
      code: 'AccessDenied',
    });
    sandbox.addMfaDevice('alice');
    const session = as(sandbox, await sessionOf(sandbox, 'alice', true));
    await session.send(new ListAccessKeysCommand({}));
    expect(() => {
      sandbox.setPermission('ghost', 'self');
    }).toThrow(/no user named ghost/);
  });

  it('simulates as IAM does: MFA-only statements need aws:MultiFactorAuthPresent', async ({
    startSandbox,
  }) => {
    const sandbox = await startSandbox({ seed: seedWithCarol() });
    const simulate = async (mfa: boolean | undefined, resourceArns?: string[]) => {
      const { EvaluationResults } = await iamClient(sandbox).send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `${ARN}:user/carol`,
          ActionNames: ['iam:ListAccessKeys', 'iam:ListMFADevices'],
          ...(resourceArns && { ResourceArns: resourceArns }),
          ...(mfa !== undefined && {
            ContextEntries: [
              {
                ContextKeyName: 'aws:MultiFactorAuthPresent',
                ContextKeyType: 'boolean',
                ContextKeyValues: [String(mfa)],
              },
            ],
          }),
        }),
      );
      return EvaluationResults ?? [];
    };
    const summary = (results: EvaluationResult[]) =>
      results.map((result) => [
        result.EvalActionName,
        result.EvalDecision,
        result.MissingContextValues,
      ]);
    // Resource "*" is no user, so both are denied; both could depend on MFA.
    expect(summary(await simulate(undefined))).toEqual([
      ['iam:ListAccessKeys', 'implicitDeny', ['aws:MultiFactorAuthPresent']],
      ['iam:ListMFADevices', 'implicitDeny', ['aws:MultiFactorAuthPresent']],
    ]);
    const own = [`${ARN}:user/carol`];
    const withoutContext = await simulate(undefined, own);
    expect(summary(withoutContext)).toEqual([
      ['iam:ListAccessKeys', 'implicitDeny', []],
      ['iam:ListMFADevices', 'allowed', []],
    ]);
    expect(withoutContext[0]?.ResourceSpecificResults?.[0]?.MissingContextValues).toEqual([
      'aws:MultiFactorAuthPresent',
    ]);
    expect(summary(await simulate(false, own))).toEqual([
      ['iam:ListAccessKeys', 'implicitDeny', []],
      ['iam:ListMFADevices', 'allowed', []],
    ]);
    expect(summary(await simulate(true, own))).toEqual([
      ['iam:ListAccessKeys', 'allowed', []],
      ['iam:ListMFADevices', 'allowed', []],
    ]);
  });
});
