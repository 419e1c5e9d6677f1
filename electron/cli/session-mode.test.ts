import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCliForEachTest } from '../../testing/cli/aws-cli-each-test';
import { keepKeyOf } from '../../testing/core/kept-keys';
import { filesBelow, findSecrets } from '../../testing/core/leak-scan';
import { expectOneLineError } from '../../testing/cli/cli-expect';
import { awsCli, keyward, launcher } from '../../testing/cli/cli-harness';
import { parseSessionEntry, sessionAccount } from '../core/sessions/session-entry';

const { f, env } = awsCliForEachTest();

const sessionsMade = () => f.sandbox.stats.calls('GetSessionToken');

function callerIdentityOf(profile: string) {
  return awsCli(env, f.sandbox.endpoint, 'sts', 'get-caller-identity', '--profile', profile);
}

async function cachedSession(profile: string) {
  const document = await f.store.get(sessionAccount(profile));
  return document === null ? null : parseSessionEntry(document);
}

async function setUp(profile: string, ...options: string[]) {
  const outcome = await keyward(env, ['cli', 'setup', '--profile', profile, ...options]);
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return outcome;
}

describe('session mode through credential_process (the AWS CLI)', () => {
  it('gives the AWS CLI a one-hour session, kept in the keychain and reused without asking AWS again', async () => {
    const alice = await keepKeyOf(f, 'alice', 'work');
    const setup = await setUp('work');
    expect(setup.stdout).toMatch(/What the AWS CLI gets: Sessions of 1 hour/);

    const first = await callerIdentityOf('work');
    expect(first.stderr, first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({
      Arn: `arn:aws:iam::${f.sandbox.accountId}:user/alice`,
    });
    expect(sessionsMade()).toBe(1);
    const session = await cachedSession('work');
    expect(session?.accessKeyId).toMatch(/^ASIA/);
    expect(session?.keyId).toBe(alice.accessKeyId);
    const minutesLeft = (Date.parse(session?.expiration ?? '') - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(55);
    expect(minutesLeft).toBeLessThanOrEqual(60);

    const second = await callerIdentityOf('work');
    expect(JSON.parse(second.stdout)).toMatchObject({ UserId: expect.any(String) as string });
    expect(sessionsMade()).toBe(1);
  });

  it('prints the credential_process document with the session token and its end', async () => {
    await keepKeyOf(f, 'alice', 'work');
    await setUp('work', '--duration', '15m');
    const printed = await keyward(env, ['credential-process', '--profile', 'work']);
    expect(printed.stderr).toBe('');
    const document = JSON.parse(printed.stdout) as Record<string, unknown>;
    expect(Object.keys(document).sort()).toEqual([
      'AccessKeyId',
      'Expiration',
      'SecretAccessKey',
      'SessionToken',
      'Version',
    ]);
    expect(document['Version']).toBe(1);
    const minutesLeft = (Date.parse(String(document['Expiration'])) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(14);
    expect(minutesLeft).toBeLessThanOrEqual(15);
  });

  it('starts a new session when the kept one has five minutes or less left', async () => {
    await keepKeyOf(f, 'alice', 'work');
    await setUp('work');
    await callerIdentityOf('work');
    const session = await cachedSession('work');
    if (!session) throw new Error('no session was kept');
    await f.store.set(
      sessionAccount('work'),
      JSON.stringify({ ...session, expiration: new Date(Date.now() + 4 * 60_000).toISOString() }),
    );
    const renewed = await callerIdentityOf('work');
    expect(renewed.stderr).toBe('');
    expect(sessionsMade()).toBe(2);
    expect((await cachedSession('work'))?.accessKeyId).not.toBe(session.accessKeyId);
  });

  it('long-term mode gives the key itself, without a session', async () => {
    const alice = await keepKeyOf(f, 'alice', 'tools');
    const setup = await setUp('tools', '--mode', 'long-term');
    expect(setup.stdout).toMatch(/The long-term key itself/);
    const printed = await keyward(env, ['credential-process', '--profile', 'tools']);
    expect(JSON.parse(printed.stdout)).toEqual({
      Version: 1,
      AccessKeyId: alice.accessKeyId,
      SecretAccessKey: alice.secretAccessKey,
    });
    expect(sessionsMade()).toBe(0);
  });

  it('keeps no session secret or token in any file', async () => {
    await keepKeyOf(f, 'alice', 'work');
    await setUp('work');
    await callerIdentityOf('work');
    const session = await cachedSession('work');
    if (!session) throw new Error('no session was kept');
    const leaks = findSecrets(
      [
        ...filesBelow(path.dirname(env['AWS_CONFIG_FILE'] ?? '')),
        ...filesBelow(f.platform.dataDir()),
      ],
      [session.secretAccessKey, session.sessionToken, session.accessKeyId],
    );
    expect(leaks).toEqual([]);
  });
});

describe('sessions go with the key they were made from', () => {
  /** A kept key in session mode whose session is in the keychain. */
  async function sessionKept(): Promise<void> {
    await keepKeyOf(f, 'alice', 'work');
    await setUp('work');
    expect(await keyward(env, ['credential-process', '--profile', 'work'])).toMatchObject({
      code: 0,
    });
    expect(await cachedSession('work')).not.toBeNull();
  }

  it('rotating the key forgets its session', async () => {
    await sessionKept();
    expect(await keyward(env, ['keys', 'rotate', '--profile', 'work'])).toMatchObject({ code: 0 });
    expect(await cachedSession('work')).toBeNull();
  });

  it('`session clear` forgets it', async () => {
    await sessionKept();
    const cleared = await keyward(env, ['session', 'clear', '--profile', 'work']);
    expect(cleared).toMatchObject({ code: 0, stderr: '' });
    expect(cleared.stdout).toMatch(/Forgot the sessions of "work"/);
    expect(await cachedSession('work')).toBeNull();
  });

  it('deactivating the key in AWS forgets its session', async () => {
    await sessionKept();
    await keepKeyOf(f, 'admin', 'admin');
    const keyId = (await f.profiles.require('work')).accessKeyId;
    const deactivated = await keyward(env, [
      ...['keys', 'deactivate', '--user', 'alice', '--key', keyId, '--profile', 'admin'],
    ]);
    expect(deactivated.stderr).toBe('');
    expect(await cachedSession('work')).toBeNull();
  });

  it('removing the key from this computer forgets its session', async () => {
    await sessionKept();
    const removed = await keyward(env, ['profiles', 'remove', '--profile', 'work', '--yes']);
    expect(removed.stderr).toBe('');
    expect(await f.store.get(sessionAccount('work'))).toBeNull();
  });
});

describe('MFA', () => {
  it('with no window or terminal, says how to start a session ahead; `session start` with the code then serves the AWS CLI', async () => {
    await keepKeyOf(f, 'admin', 'work');
    const device = f.sandbox.mfaDeviceOf('admin');
    const setup = await setUp('work');
    expect(setup.stdout).toContain(`Each new one asks for a code from ${device.serialNumber}`);

    const refused = await keyward(env, ['credential-process', '--profile', 'work']);
    expectOneLineError(
      refused,
      6,
      /needs a code from your MFA device.*keyward session start --profile work --mfa-code CODE/,
    );
    expect(sessionsMade()).toBe(0);

    const started = await keyward(env, [
      'session',
      'start',
      '--profile',
      'work',
      '--mfa-code',
      device.code(),
    ]);
    expect(started.stderr).toBe('');
    expect(started.stdout).toMatch(/Started a session for "work" with your MFA code/);
    expect((await cachedSession('work'))?.mfa).toBe(true);

    const identity = await callerIdentityOf('work');
    expect(JSON.parse(identity.stdout)).toMatchObject({
      Arn: `arn:aws:iam::${f.sandbox.accountId}:user/admin`,
    });
  });

  it('a wrong code, a code that is not six digits and a device that is not yours are each said plainly', async () => {
    await keepKeyOf(f, 'admin', 'work');
    await setUp('work');
    const start = (code: string) =>
      keyward(env, ['session', 'start', '--profile', 'work', '--mfa-code', code]);
    const good = f.sandbox.mfaDeviceOf('admin').code();
    const wrong = good === '000000' ? '111111' : '000000';
    expectOneLineError(await start(wrong), 6, /AWS did not accept that MFA code/);
    expectOneLineError(await start('12345'), 2, /That is not an MFA code/);

    await setUp('work', '--mfa-serial', `arn:aws:iam::${f.sandbox.accountId}:mfa/nobody`);
    expectOneLineError(
      await start(good),
      6,
      /could not check the code against the MFA device set for "work"/,
    );
    expect(await cachedSession('work')).toBeNull();
  });

  it('asks on the terminal when the AWS CLI runs in one, and asks again after a wrong code', async () => {
    await keepKeyOf(f, 'admin', 'work');
    await setUp('work');
    const device = f.sandbox.mfaDeviceOf('admin');
    const good = device.code();
    const wrong = good === '000000' ? '111111' : '000000';
    // `script` gives the command a terminal of its own; what is written to it is typed there.
    const typed = `${wrong}\n${good}\n`;
    const outcome = await inTerminal(`${launcher} credential-process --profile work`, typed);
    expect(outcome.output).toMatch(/MFA code for Keyward profile "work"/);
    expect(outcome.output).toMatch(/AWS did not accept that code/);
    expect(outcome.output).toMatch(/"AccessKeyId":"ASIA/);
    expect(outcome.code).toBe(0);
    expect(sessionsMade()).toBe(2);
  });
});

describe('a policy that requires MFA', () => {
  it('lets the AWS CLI manage the user’s own keys with an MFA session, and refuses it plainly without one', async () => {
    f.sandbox.setPermission('alice', 'self-mfa');
    const device = f.sandbox.addMfaDevice('alice', {});
    await keepKeyOf(f, 'alice', 'work');
    const listKeys = () =>
      awsCli(env, f.sandbox.endpoint, 'iam', 'list-access-keys', '--profile', 'work');

    await setUp('work');
    const found = await f.profiles.require('work');
    // alice may list her own device without MFA, so `cli setup` found it by itself.
    expect(found.use?.mfaSerial).toBe(device.serialNumber);

    // Without MFA: a session started with no code (as a key with no device would get).
    await f.core.credentials.setUse('work', {
      mode: 'session',
      durationSeconds: 900,
      mfaSerial: null,
    });
    const refused = await listKeys();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/InvalidClientTokenId|AccessDenied/);

    await f.core.credentials.setUse('work', {
      mode: 'session',
      durationSeconds: 900,
      mfaSerial: device.serialNumber,
    });
    const started = await keyward(env, [
      ...['session', 'start', '--profile', 'work', '--mfa-code', device.code()],
    ]);
    expect(started.stderr).toBe('');
    const listed = await listKeys();
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout)).toMatchObject({
      AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: found.accessKeyId }],
    });
  });
});

describe('bad input', () => {
  it('refuses a session length out of range, an unknown mode and a malformed device', async () => {
    await keepKeyOf(f, 'alice', 'work');
    const setup = (...options: string[]) =>
      keyward(env, ['cli', 'setup', '--profile', 'work', ...options]);
    expectOneLineError(await setup('--duration', '10m'), 2, /between 15 minutes and 12 hours/);
    expectOneLineError(await setup('--duration', '13h'), 2, /between 15 minutes and 12 hours/);
    expectOneLineError(await setup('--mode', 'forever'), 2, /--mode is session or long-term/);
    expectOneLineError(await setup('--mfa-serial', 'my-phone'), 2, /not an MFA device’s ARN/);
    expectOneLineError(
      await setup('--mode', 'long-term', '--duration', '1h'),
      2,
      /for --mode session only/,
    );
  });
});

/** Runs `command` with a terminal of its own (util-linux `script`), typing `typed` into it. */
function inTerminal(command: string, typed: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: {
        ...process.env,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, output });
    });
    // Typed only once asked, as a person would: a terminal in canonical mode drops nothing, but
    // typing ahead would also echo before the question.
    let sent = 0;
    const lines = typed.split('\n').filter((line) => line !== '');
    const typeNext = () => {
      const line = lines[sent];
      if (line === undefined) return;
      sent += 1;
      child.stdin.write(`${line}\n`);
    };
    child.stdout.on('data', () => {
      const asked = output.match(/MFA code for Keyward/g)?.length ?? 0;
      if (asked > sent) typeNext();
    });
  });
}
