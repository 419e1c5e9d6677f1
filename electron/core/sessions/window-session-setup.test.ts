import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsFilesForEachTest } from '../../../testing/core/aws-config/aws-files-each-test';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { windowDispatch } from '../../../testing/core/window-door';
import { sessionAccount } from './session-entry';

// The window's door to `keyward cli setup --mode … --duration … --mfa-serial …` and
// `keyward session clear --profile NAME`, through the real dispatcher.
const f = keywardForEachTest();
const files = awsFilesForEachTest();
const savedEnv = { ...process.env };

beforeEach(() => {
  // Main reads the AWS CLI's files where the AWS CLI would: these variables, in this process.
  process.env['AWS_CONFIG_FILE'] = files.config;
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = files.credentials;
});

afterEach(() => {
  process.env = { ...savedEnv };
});

function bridge() {
  const origin = 'app://keyward';
  const dispatch = windowDispatch(f, origin);
  return (method: string, input: unknown) =>
    dispatch(method, input, { url: `${origin}/index.html`, isMainFrame: true });
}

describe('choosing how the AWS CLI gets a stored key, from the window', () => {
  it('sets up 15-minute sessions with the MFA device named, and writes credential_process', async () => {
    await keepKeyOf(f, 'admin', 'work');
    const serial = f.sandbox.mfaDeviceOf('admin').serialNumber;
    const call = bridge();
    const answer = await call('cli.setup', {
      profile: 'work',
      region: null,
      mode: 'session',
      durationSeconds: 900,
      mfaSerial: serial,
    });
    expect(answer).toMatchObject({ ok: true, value: { profile: 'work', changed: true } });
    expect((await f.core.deviceKeys.require('work')).use).toEqual({
      mode: 'session',
      durationSeconds: 900,
      mfaSerial: serial,
    });
    expect(readFileSync(files.config, 'utf8')).toMatch(
      /credential_process = .*credential-process --profile work/,
    );
  });

  it('without a mode, sets up one-hour sessions with the user’s own device, as the command line does', async () => {
    await keepKeyOf(f, 'admin', 'work');
    const answer = await bridge()('cli.setup', { profile: 'work', region: null });
    expect(answer).toMatchObject({ ok: true });
    expect((await f.core.deviceKeys.require('work')).use).toEqual({
      mode: 'session',
      durationSeconds: 3600,
      mfaSerial: f.sandbox.mfaDeviceOf('admin').serialNumber,
    });
  });

  it('sets up the long-term key, without a device', async () => {
    await keepKeyOf(f, 'alice', 'tools');
    await bridge()('cli.setup', { profile: 'tools', region: null, mode: 'long-term' });
    expect((await f.core.deviceKeys.require('tools')).use).toMatchObject({
      mode: 'long-term',
      mfaSerial: null,
    });
  });

  it('refuses a length outside 15 minutes to 12 hours, and something that is not a device ARN', async () => {
    await keepKeyOf(f, 'alice', 'work');
    const call = bridge();
    for (const input of [
      { durationSeconds: 899 },
      { durationSeconds: 43_201 },
      { mfaSerial: 'my phone' },
    ]) {
      const answer = await call('cli.setup', { profile: 'work', region: null, ...input });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('refuses a key that is not kept here, and writes nothing', async () => {
    const answer = await bridge()('cli.setup', { profile: 'ghost', region: null, mode: 'session' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(() => readFileSync(files.config, 'utf8')).toThrow();
  });

  it('finds the MFA device to offer: the user’s one, none, or that the key may not look', async () => {
    await keepKeyOf(f, 'admin', 'admin');
    await keepKeyOf(f, 'alice', 'alice');
    await keepKeyOf(f, 'nobody', 'nobody');
    const call = bridge();
    expect(await call('profiles.mfaDevice', { name: 'admin' })).toEqual({
      ok: true,
      value: { found: 'one', serialNumber: f.sandbox.mfaDeviceOf('admin').serialNumber },
    });
    expect(await call('profiles.mfaDevice', { name: 'alice' })).toEqual({
      ok: true,
      value: { found: 'none' },
    });
    expect(await call('profiles.mfaDevice', { name: 'nobody' })).toEqual({
      ok: true,
      value: { found: 'not-allowed' },
    });
  });
});

describe('forgetting a stored key’s sessions, from the window', () => {
  it('forgets the kept session, and says when there was none', async () => {
    await keepKeyOf(f, 'alice', 'work');
    await f.core.credentials.setUp('work', { mode: 'session', durationSeconds: 900 });
    await f.core.credentials.start('work', { code: null, prompt: null });
    expect(await f.store.get(sessionAccount('work'))).not.toBeNull();
    const call = bridge();
    expect(await call('sessions.clear', { profile: 'work' })).toEqual({
      ok: true,
      value: { cleared: true },
    });
    expect(await f.store.get(sessionAccount('work'))).toBeNull();
    expect(await call('sessions.clear', { profile: 'work' })).toEqual({
      ok: true,
      value: { cleared: false },
    });
  });

  it('says plainly when no key is kept under that name', async () => {
    expect(await bridge()('sessions.clear', { profile: 'ghost' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
