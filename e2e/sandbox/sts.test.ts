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
    const device = sandbox.addMfaDevice('alice', { base32Seed: aliceSecret });
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
    const device = sandbox.addMfaDevice('alice', { base32Seed: aliceSecret });
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

  it('accepts a device whose name is not the user’s, and only that device’s current code', async ({
    sandbox,
  }) => {
    const phone = sandbox.addMfaDevice('alice', {
      serialNumber: 'arn:aws:iam::123456789012:mfa/alice-phone',
    });
    expect(phone.base32Seed).toMatch(/^[A-Z2-7]{32}$/);
    const sts = stsClient(sandbox, sandbox.credentialsFor('alice'));
    const now = sandbox.clock.now().getTime();
    // Six digits that are no code of this device now, a step ago or a step ahead.
    const current = new Set([-30_000, 0, 30_000].map((step) => phone.code(new Date(now + step))));
    const wrong = ['000000', '123456', '999999', '024680'].find((code) => !current.has(code)) ?? '';
    expect(
      await awsError(
        sts.send(
          new GetSessionTokenCommand({ SerialNumber: phone.serialNumber, TokenCode: wrong }),
        ),
      ),
    ).toMatchObject({
      code: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    });
    const { Credentials } = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: phone.serialNumber, TokenCode: phone.code() }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses a malformed code or serial in STS’s validation words', async ({ sandbox }) => {
    const sts = stsClient(sandbox, sandbox.credentialsFor('admin'));
    const { serialNumber } = sandbox.mfaDeviceOf('admin');
    const refusal = (SerialNumber: string, TokenCode: string) =>
      awsError(sts.send(new GetSessionTokenCommand({ SerialNumber, TokenCode })));
    const detected = (value: string, member: string, constraint: string) => ({
      code: 'ValidationError',
      status: 400,
      message:
        `1 validation error detected: Value '${value}' at '${member}' failed to satisfy ` +
        `constraint: ${constraint}`,
    });
    expect(await refusal(serialNumber, '12345')).toMatchObject(
      detected('12345', 'tokenCode', 'Member must have length greater than or equal to 6'),
    );
    expect(await refusal(serialNumber, '1234567')).toMatchObject(
      detected('1234567', 'tokenCode', 'Member must have length less than or equal to 6'),
    );
    expect(await refusal(serialNumber, '12a456')).toMatchObject(
      detected('12a456', 'tokenCode', 'Member must satisfy regular expression pattern: [\\d]*'),
    );
    expect(await refusal('short', '123456')).toMatchObject(
      detected('short', 'serialNumber', 'Member must have length greater than or equal to 9'),
    );
    expect(await refusal('arn:aws:iam::123456789012:mfa/a b', '123456')).toMatchObject(
      detected(
        'arn:aws:iam::123456789012:mfa/a b',
        'serialNumber',
        'Member must satisfy regular expression pattern: [\\w+=/:,.@-]*',
      ),
    );
  });

  it('bounds DurationSeconds to 900–129,600 in STS’s words, and Expiration follows it', async ({
    sandbox,
  }) => {
    const sts = stsClient(sandbox, sandbox.credentialsFor('alice'));
    const tooShort = await awsError(sts.send(new GetSessionTokenCommand({ DurationSeconds: 899 })));
    expect(tooShort).toEqual({
      code: 'ValidationError',
      status: 400,
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy " +
        'constraint: Member must have value greater than or equal to 900',
    });
    expect(
      await awsError(sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_601 }))),
    ).toMatchObject({
      code: 'ValidationError',
      message:
        "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy " +
        'constraint: Member must have value less than or equal to 129600',
    });
    for (const seconds of [900, 3600, 129_600]) {
      const asked = sandbox.clock.now().getTime();
      const { expiration } = await sessionFor(sandbox, 'alice', { DurationSeconds: seconds });
      const granted = (expiration?.getTime() ?? 0) - asked;
      // Expiration is written in whole seconds.
      expect(granted).toBeGreaterThan((seconds - 2) * 1000);
      expect(granted).toBeLessThanOrEqual((seconds + 2) * 1000);
    }
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

    sandbox.clock.advance(901_000);
    expect(
      await awsError(stsClient(sandbox, session).send(new GetCallerIdentityCommand({}))),
    ).toMatchObject({
      code: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });

  it('lets session credentials work until the sandbox clock passes their Expiration', async ({
    sandbox,
  }) => {
    const session = await sessionFor(sandbox, 'bob', { DurationSeconds: 900 });
    const sts = stsClient(sandbox, session);
    sandbox.clock.advance(890_000);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/bob');
    sandbox.clock.advance(10_000);
    expect(await awsError(sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'ExpiredToken',
      status: 403,
    });
    // A renewal made now lasts from the sandbox's now, and long-term keys keep signing with the
    // real clock however far the sandbox's has moved.
    const renewed = await sessionFor(sandbox, 'bob', { DurationSeconds: 900 });
    const left = (renewed.expiration?.getTime() ?? 0) - sandbox.clock.now().getTime();
    expect(left).toBeGreaterThan(898_000);
    expect(left).toBeLessThanOrEqual(900_000);
    const again = await stsClient(sandbox, renewed).send(new GetCallerIdentityCommand({}));
    expect(again.Arn).toBe(identity.Arn);
  });

  it('reads MFA codes off the sandbox clock, as a phone set to the account’s time would', async ({
    sandbox,
  }) => {
    const device = sandbox.mfaDeviceOf('admin');
    const realNow = new Date();
    sandbox.clock.advance(10 * 60_000);
    const sts = stsClient(sandbox, sandbox.credentialsFor('admin'));
    expect(
      await awsError(
        sts.send(
          new GetSessionTokenCommand({
            SerialNumber: device.serialNumber,
            TokenCode: device.code(realNow),
          }),
        ),
      ),
    ).toMatchObject({
      code: 'AccessDenied',
      message: containing('invalid MFA one time pass code'),
    });
    const { Credentials } = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: device.serialNumber, TokenCode: device.code() }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('only moves forward', ({ sandbox }) => {
    expect(() => {
      sandbox.clock.advance(-1);
    }).toThrow(/forward/);
  });
});
