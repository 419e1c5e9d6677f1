import { beforeEach, expect } from 'vitest';
import { keywardForEachTest } from '../core/keyward-each-test';
import type { KeywardFixture } from '../core/keyward-fixture';
import { cliEnvironment } from './cli-harness';
import type { CliOutcome } from './cli-harness';

/** Errors are one line on stderr, "keyward: <what happened> <what to do>", and nothing on stdout. */
export function expectOneLineError(outcome: CliOutcome, code: number, pattern: RegExp): void {
  expect(outcome.code).toBe(code);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toMatch(/^keyward: [^\n]+\n$/);
  expect(outcome.stderr).toMatch(pattern);
}

/** Keeps the sandbox admin's key as "admin", for commands run with `--profile admin`. */
export async function keepAdminKey(f: KeywardFixture): Promise<void> {
  await f.profiles.put('admin', {
    ...f.sandbox.admin,
    accountId: f.sandbox.accountId,
    created: new Date().toISOString(),
    description: null,
  });
}

export const asAdmin = ['--profile', 'admin'];

/**
 * For a file of command-line tests: a fresh Keyward fixture for every test with the admin's key
 * kept, and the environment that points `keyward` at it (both refreshed before each test).
 */
export function adminCliForEachTest(): { f: KeywardFixture; env: () => NodeJS.ProcessEnv } {
  const f = keywardForEachTest();
  let env: NodeJS.ProcessEnv = {};
  beforeEach(async () => {
    env = cliEnvironment(f);
    await keepAdminKey(f);
  });
  return { f, env: () => env };
}
