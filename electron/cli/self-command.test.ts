import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../testing/core/kept-keys';
import { cliEnvironment, keyward, launcher } from '../../testing/cli/cli-harness';

const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  env = cliEnvironment(f);
  await keepKeyOf(f, 'admin', 'work');
});

describe('keyward cli setup run from a copy of Keyward in a shared folder', () => {
  it('is refused in one plain line and leaves the AWS config untouched', async () => {
    // A launcher in the system temp folder: another user could replace it once it is gone.
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'keyward-copy-')), 'keyward');
    copyFileSync(launcher, copy);
    const outcome = await keyward(
      { ...env, KEYWARD_LAUNCHER: copy },
      ['cli', 'setup', '--profile', 'work'],
      '',
      { ownCommand: true },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^keyward: [^\n]*other people on this computer can change/);
    expect(() => readFileSync(env['AWS_CONFIG_FILE'] ?? '', 'utf8')).toThrow();
  });
});
