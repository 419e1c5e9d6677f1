import { afterEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { setLogSink } from '../log';
import type { MfaPrompt, MfaRequest } from './mfa-prompt';
import { NobodyToAsk } from './mfa-prompt';

const f = keywardForEachTest();

afterEach(() => {
  setLogSink(() => undefined);
});

/** A person at the prompt who answers from a script, and what they were asked. */
function personTyping(...answers: (string | null)[]): MfaPrompt & { asked: MfaRequest[] } {
  const asked: MfaRequest[] = [];
  return {
    asked,
    ask: (request) => {
      asked.push(request);
      return Promise.resolve(answers.shift() ?? null);
    },
  };
}

async function adminKeyWithDevice() {
  await keepKeyOf(f, 'admin', 'work');
  const device = f.sandbox.mfaDeviceOf('admin');
  await f.core.credentials.setUse('work', {
    mode: 'session',
    durationSeconds: 900,
    mfaSerial: device.serialNumber,
  });
  return device;
}

const sessionsMade = () => f.sandbox.stats.calls('GetSessionToken');

describe('sessions that need an MFA code', () => {
  it('names the profile, the account and the device when it asks', async () => {
    const device = await adminKeyWithDevice();
    const person = personTyping(device.code());
    const served = await f.core.credentials.serve('work', { mode: 'as-set-up', prompt: person });
    expect(served.accessKeyId).toMatch(/^ASIA/);
    expect(person.asked).toEqual([
      {
        profile: 'work',
        accountId: f.sandbox.accountId,
        serialNumber: device.serialNumber,
        problem: null,
      },
    ]);
  });

  it('two commands at once make one session and ask once', async () => {
    const device = await adminKeyWithDevice();
    const person = personTyping(device.code(), device.code());
    const [first, second] = await Promise.all([
      f.core.credentials.serve('work', { mode: 'as-set-up', prompt: person }),
      f.core.credentials.serve('work', { mode: 'as-set-up', prompt: person }),
    ]);
    expect(second.accessKeyId).toBe(first.accessKeyId);
    expect(person.asked).toHaveLength(1);
    expect(sessionsMade()).toBe(1);
  });

  it('says what was wrong and asks again: not six digits, then a code AWS refused', async () => {
    const device = await adminKeyWithDevice();
    const good = device.code();
    const stale = device.code(new Date(Date.now() - 3_600_000));
    const person = personTyping('12 34', stale, good);
    await f.core.credentials.serve('work', { mode: 'as-set-up', prompt: person });
    expect(person.asked.map((request) => request.problem)).toEqual([
      null,
      'An MFA code is the six digits your authenticator app shows.',
      expect.stringMatching(/^AWS did not accept that code\./) as string,
    ]);
  });

  it('says how to start a session ahead when the prompt finds nobody to ask', async () => {
    await adminKeyWithDevice();
    const nobody: MfaPrompt = { ask: () => Promise.reject(new NobodyToAsk()) };
    await expect(
      f.core.credentials.serve('work', { mode: 'as-set-up', prompt: nobody }),
    ).rejects.toMatchObject({
      code: 'mfa-required',
      hint: 'Start a session first: keyward session start --profile work --mfa-code CODE',
    });
  });

  it('stops after three refused codes, and when the person cancels', async () => {
    const device = await adminKeyWithDevice();
    const stale = device.code(new Date(Date.now() - 3_600_000));
    await expect(
      f.core.credentials.serve('work', {
        mode: 'as-set-up',
        prompt: personTyping(stale, stale, stale, stale),
      }),
    ).rejects.toMatchObject({
      code: 'bad-credentials',
      message: 'AWS did not accept the MFA codes given for "work", so no session was started.',
    });
    expect(sessionsMade()).toBe(3);
    await expect(
      f.core.credentials.serve('work', { mode: 'as-set-up', prompt: personTyping(null) }),
    ).rejects.toMatchObject({
      code: 'mfa-required',
      message: 'No MFA code was given, so no session was started for "work".',
    });
  });

  it('never writes a code or a session secret to the log', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const device = await adminKeyWithDevice();
    const stale = device.code(new Date(Date.now() - 3_600_000));
    const good = device.code();
    const served = await f.core.credentials.serve('work', {
      mode: 'as-set-up',
      prompt: personTyping(stale, good),
    });
    const logged = lines.join('\n');
    for (const secret of [stale, good, served.secretAccessKey, served.sessionToken ?? '']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('what `exec` and `credential-process` are given', () => {
  it('a key kept before sessions existed hands out the key itself, unless a session is asked for', async () => {
    const alice = await keepKeyOf(f, 'alice', 'old');
    expect(await f.core.credentials.serve('old', { mode: 'as-set-up', prompt: null })).toEqual({
      accessKeyId: alice.accessKeyId,
      secretAccessKey: alice.secretAccessKey,
      sessionToken: null,
      expiration: null,
    });
    const session = await f.core.credentials.serve('old', { mode: 'session', prompt: null });
    expect(session.accessKeyId).toMatch(/^ASIA/);
    expect(session.sessionToken).not.toBeNull();
    // Not kept: the AWS CLI goes on getting this key itself, as it is set up to.
    expect(await f.core.credentials.serve('old', { mode: 'as-set-up', prompt: null })).toEqual({
      accessKeyId: alice.accessKeyId,
      secretAccessKey: alice.secretAccessKey,
      sessionToken: null,
      expiration: null,
    });
    await expect(
      f.core.credentials.start('old', { code: null, prompt: null }),
    ).rejects.toMatchObject({
      code: 'conflict',
      hint: 'To use sessions, run: keyward cli setup --profile old --mode session',
    });
  });

  it('changing how a key is handed out forgets the session made under the old rules', async () => {
    await keepKeyOf(f, 'alice', 'work');
    await f.core.credentials.setUse('work', {
      mode: 'session',
      durationSeconds: 3600,
      mfaSerial: null,
    });
    await f.core.credentials.serve('work', { mode: 'as-set-up', prompt: null });
    await f.core.credentials.setUse('work', {
      mode: 'long-term',
      durationSeconds: 3600,
      mfaSerial: null,
    });
    const served = await f.core.credentials.serve('work', { mode: 'as-set-up', prompt: null });
    expect(served.sessionToken).toBeNull();
    expect(await f.core.credentials.clear('work')).toEqual([]);
  });
});
