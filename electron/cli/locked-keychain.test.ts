import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { launcher } from '../../testing/cli/cli-harness';
import { onOwnSessionBus, withLockedKeyring } from '../../testing/core/vault/session-bus';

const run = promisify(execFile);

/** Runs `keyward …` in a D-Bus session whose keyring is locked. */
async function inLockedSession(args: string[]) {
  const command = [launcher, ...args].map((arg) => `'${arg}'`).join(' ');
  try {
    const [bus, ...args] = onOwnSessionBus(withLockedKeyring(command));
    await run(bus, args, {
      env: {
        ...process.env,
        KEYWARD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'keyward-locked-')),
        KEYWARD_KEYCHAIN_SERVICE: 'Keyward-test-locked',
      },
      timeout: 20_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('with a locked keyring', () => {
  it.each([
    [['profiles', 'list']],
    [['whoami', '--profile', 'admin']],
    [['cli', 'setup', '--profile', 'work']],
  ])('%j says the keyring is locked (exit code 3), not that nothing is stored', async (args) => {
    const outcome = await inLockedSession(args);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toMatch(/^keyward: Your keyring is locked/m);
  });
});
