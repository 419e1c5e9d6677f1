import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { setLogSink } from '../log';
import { windowCall } from '../../../testing/core/window-door';
import { awsFilesForEachTest } from '../../../testing/core/aws-config/aws-files-each-test';

const f = keywardForEachTest();
const savedEnv = { ...process.env };
const logLines: string[] = [];
const files = awsFilesForEachTest();

beforeEach(() => {
  setLogSink((line) => logLines.push(line));
  // Main reads the AWS CLI's files where the AWS CLI would: these variables, in this process.
  process.env['AWS_CONFIG_FILE'] = files.config;
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = files.credentials;
});

afterEach(() => {
  process.env = { ...savedEnv };
  setLogSink((line) => process.stderr.write(`${line}\n`));
});

// The window's door to `keyward profiles import` (electron/core/aws-config/import-profile.ts).
describe('moving a plaintext key into the keychain from the window', () => {
  it('lists and moves it, and no answer or log line carries the secret', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    writeFileSync(
      files.credentials,
      `[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );
    const call = windowCall(f);
    const listed = await call('profiles.importable', {});
    expect(listed).toEqual({
      ok: true,
      value: [
        { profile: 'legacy', accessKeyId: bob.accessKeyId, file: files.credentials, problem: null },
      ],
    });
    const moved = await call('profiles.importPlaintext', { profile: 'legacy' });
    expect(moved).toMatchObject({
      ok: true,
      value: {
        profile: { name: 'legacy', accessKeyId: bob.accessKeyId },
        removedFrom: files.credentials,
      },
    });
    expect((await f.profiles.require('legacy')).secretAccessKey).toBe(bob.secretAccessKey);
    expect(readFileSync(files.credentials, 'utf8')).not.toContain(bob.secretAccessKey);
    expect(await call('profiles.importable', {})).toEqual({ ok: true, value: [] });

    const printed = `${logLines.join('\n')}\n${JSON.stringify([listed, moved])}`;
    expect(printed).not.toContain(bob.secretAccessKey);
  });

  it('refuses a name that is not a profile name before reading any file', async () => {
    const answer = await windowCall(f)('profiles.importPlaintext', { profile: 'a]\n[b' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
