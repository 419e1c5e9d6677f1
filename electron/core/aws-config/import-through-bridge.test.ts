import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { setLogSink } from '../log';
import { windowDispatch } from '../../../testing/core/window-door';

const f = keywardForEachTest();
const savedEnv = { ...process.env };
const logLines: string[] = [];
let credentials: string;

beforeEach(() => {
  setLogSink((line) => logLines.push(line));
  const dir = mkdtempSync(path.join(tmpdir(), 'keyward-import-bridge-'));
  credentials = path.join(dir, 'credentials');
  // Main reads the AWS CLI's files where the AWS CLI would: these variables, in this process.
  process.env['AWS_CONFIG_FILE'] = path.join(dir, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentials;
});

afterEach(() => {
  process.env = { ...savedEnv };
  setLogSink((line) => process.stderr.write(`${line}\n`));
});

function bridge() {
  const origin = 'app://keyward';
  const dispatch = windowDispatch(f, origin);
  return (method: string, input: unknown) =>
    dispatch(method, input, { url: `${origin}/index.html`, isMainFrame: true });
}

// The window's door to `keyward profiles import` (electron/core/aws-config/import-profile.ts).
describe('moving a plaintext key into the keychain from the window', () => {
  it('lists and moves it, and no answer or log line carries the secret', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    writeFileSync(
      credentials,
      `[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );
    const call = bridge();
    const listed = await call('profiles.importable', {});
    expect(listed).toEqual({
      ok: true,
      value: [
        { profile: 'legacy', accessKeyId: bob.accessKeyId, file: credentials, problem: null },
      ],
    });
    const moved = await call('profiles.importPlaintext', { profile: 'legacy' });
    expect(moved).toMatchObject({
      ok: true,
      value: {
        profile: { name: 'legacy', accessKeyId: bob.accessKeyId },
        removedFrom: credentials,
      },
    });
    expect((await f.profiles.require('legacy')).secretAccessKey).toBe(bob.secretAccessKey);
    expect(readFileSync(credentials, 'utf8')).not.toContain(bob.secretAccessKey);
    expect(await call('profiles.importable', {})).toEqual({ ok: true, value: [] });

    const printed = `${logLines.join('\n')}\n${JSON.stringify([listed, moved])}`;
    expect(printed).not.toContain(bob.secretAccessKey);
  });

  it('refuses a name that is not a profile name before reading any file', async () => {
    const answer = await bridge()('profiles.importPlaintext', { profile: 'a]\n[b' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
