import { access, constants } from 'node:fs/promises';
import { beforeAll, beforeEach } from 'vitest';
import { keywardForEachTest } from '../core/keyward-each-test';
import type { KeywardFixture } from '../core/keyward-fixture';
import { cliEnvironment } from './cli-harness';

/**
 * For a file of tests that run Debian's AWS CLI against keys Keyward keeps: a fresh Keyward
 * fixture and a fresh home with its own AWS config files for every test. `env` stays the same
 * object; before each test it holds that test's environment.
 */
export function awsCliForEachTest(): { f: KeywardFixture; env: NodeJS.ProcessEnv } {
  const f = keywardForEachTest();
  const env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    // CI installs it; a missing CLI must fail loudly rather than skip these checks.
    await access('/usr/bin/aws', constants.X_OK);
  });
  beforeEach(() => {
    for (const name of Object.keys(env)) Reflect.deleteProperty(env, name);
    Object.assign(env, cliEnvironment(f));
  });
  return { f, env };
}
