import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { describe, expect } from 'vitest';
import type { Sandbox } from './sandbox';
import { awsError, containing, iamClient, it, stsClient } from './test-support';

/** An authenticator app's secret for alice's MFA device, added by the tests that need one. */
const aliceSecret = 'ALICEALICEALICEALICEALICE234567';

async function sessionFor(
  sandbox: Sandbox,
  userName: string,
  input: ConstructorParameters<typeof GetSessionTokenCommand>[0] = {},
) {
  const { Credentials } = await stsClient(sandbox, sandbox.credentialsFor(userName)).send(
    new GetSessionTokenCommand(input),
  );
  return {
    accessKeyId: Credentials?.AccessKeyId ?? '',
    secretAccessKey: Credentials?.SecretAccessKey ?? '',
    sessionToken: Credentials?.SessionToken ?? '',
    expiration: Credentials?.Expiration,
  };
}

describe('STS', () => {
  it('tells every user who they are', async ({ sandbox }) => {
    for (const userName of ['admin', 'alice', 'auditor', 'nobody']) {
      const user = sandbox.state.findUser(userName);
      const identity = await stsClient(sandbox, sandbox.credentialsFor(userName)).send(
        new GetCallerIdentityCommand({}),
      );
      expect(identity).toMatchObject({
        Arn: user?.arn,
        UserId: user?.userId,
        Account: '123456789012',
      });
    }
  });

  it('issues temporary credentials that act as the user, for 12 hours by default', async ({
    sandbox,
  }) => {
    const session = await sessionFor(sandbox, 'bob');
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(session.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(session.sessionToken.length).toBeGreaterThan(100);
    const hours = ((session.expiration?.getTime() ?? 0) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);

    const identity = await stsClient(sandbox, session).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/bob');
  });

  it('keeps MFA-less session credentials out of IAM and lets MFA sessions in', async ({
    sandbox,
  }) => {
    const plain = await sessionFor(sandbox, 'alice');
    expect(
      await awsError(iamClient(sandbox, plain).send(new ListAccessKeysCommand({}))),
    ).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
    });
    sandbox.state.addMfaDevice('alice', aliceSecret);
    const device = sandbox.mfaDeviceOf('alice');
    const withMfa = await sessionFor(sandbox, 'alice', {
      SerialNumber: device.serialNumber,
      TokenCode: device.code(),
    });
    const { AccessKeyMetadata } = await iamClient(sandbox, withMfa).send(
      new ListAccessKeysCommand({}),
    );
    expect(AccessKeyMetadata?.[0]?.UserName).toBe('alice');
  });

  it('checks the code against the caller’s own MFA device, as AWS does', async ({ sandbox }) => {
    const device = sandbox.state.addMfaDevice('alice', aliceSecret);
    const sts = stsClient(sandbox, sandbox.credentialsFor('alice'));
    const tryCode = (serialNumber: string, code: string) =>
      awsError(
        sts.send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode: code })),
      );
    // A code from an hour ago is as wrong as a guess, and just as plausible-looking.
    const stale = sandbox.mfaDeviceOf('alice').code(new Date(Date.now() - 3_600_000));
    expect(stale).toMatch(/^\d{6}$/);
    expect(await tryCode(device.serialNumber, stale)).toEqual({
      code: 'AccessDenied',
      status: 403,
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    });
    // The admin's device, or a serial that names no device: the code cannot even be checked.
    for (const serial of [
      sandbox.mfaDeviceOf('admin').serialNumber,
      'arn:aws:iam::123456789012:mfa/nobody',
    ]) {
      expect(await tryCode(serial, sandbox.mfaDeviceOf('admin').code())).toMatchObject({
        code: 'AccessDenied',
        message: containing('unable to validate MFA code'),
      });
    }
    // A code that just changed still counts, as on AWS.
    const previous = sandbox.mfaDeviceOf('alice').code(new Date(Date.now() - 30_000));
    const session = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: device.serialNumber, TokenCode: previous }),
    );
    expect(session.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses a bad duration and session credentials asking for more', async ({ sandbox }) => {
    const sts = stsClient(sandbox, sandbox.credentialsFor('alice'));
    expect(
      await awsError(sts.send(new GetSessionTokenCommand({ DurationSeconds: 60 }))),
    ).toMatchObject({
      code: 'ValidationError',
      status: 400,
    });
    const session = await sessionFor(sandbox, 'alice', { DurationSeconds: 900 });
    expect(
      await awsError(stsClient(sandbox, session).send(new GetSessionTokenCommand({}))),
    ).toMatchObject({
      code: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });

  it('answers ExpiredToken once temporary credentials expire, and refuses a wrong token', async ({
    sandbox,
  }) => {
    const session = await sessionFor(sandbox, 'bob', { DurationSeconds: 900 });
    expect(
      await awsError(
        stsClient(sandbox, { ...session, sessionToken: `${session.sessionToken}x` }).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toMatchObject({ code: 'InvalidClientTokenId' });

    const record = sandbox.state.sessions.get(session.accessKeyId);
    if (!record) throw new Error('expected the session in state');
    record.expiration = new Date(Date.now() - 1000);
    expect(
      await awsError(stsClient(sandbox, session).send(new GetCallerIdentityCommand({}))),
    ).toMatchObject({
      code: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });
});
