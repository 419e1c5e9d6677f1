import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotationStates } from '../../core/rotation/rotation-state';
import { rotationOf, storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';

let f: KeywardFixture;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  f = await startKeyward();
  env = cliEnvironment(f);
  await storeAliceAsWork(f);
});

afterEach(async () => {
  await f.close();
});

// The command line's door to the removal the window uses too (Keyward.removeStoredProfile).
describe('keyward profiles remove', () => {
  it('refuses while a rotation of the key is unfinished, without asking first', async () => {
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    await expect(rotationOf(f.keyward).rotate('work', { graceDays: 0 })).rejects.toThrow();
    const outcome = await keyward(env, ['profiles', 'remove', '--profile', 'work']);
    expect(outcome.code).toBe(7);
    expect(outcome.stderr).toMatch(/unfinished.*cannot be removed yet/);
    expect(outcome.stderr).toContain('keyward keys rotate --profile work --resume');
    expect(await f.keyward.profiles.get('work')).not.toBeNull();
  });

  it('takes the AWS CLI set-up and a retired old key’s record with the key', async () => {
    expect((await keyward(env, ['cli', 'setup', '--profile', 'work'])).code).toBe(0);
    await rotationOf(f.keyward).rotate('work', { graceDays: 7 });
    const removed = await keyward(env, ['profiles', 'remove', '--profile', 'work', '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^Removed "work" from this computer and from .*config\./);
    expect(await f.keyward.profiles.get('work')).toBeNull();
    expect(readFileSync(env['AWS_CONFIG_FILE'] ?? '', 'utf8')).not.toContain('[profile work]');
    expect(await new RotationStates(f.platform.dataDir()).read('work')).toBeNull();
  });
});
