import { expect } from 'vitest';
import type { KeywardFixture } from '../core/keyward-fixture';
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
