import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredKeyCheck } from '../../common/domain';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';
import { expectOneLineError } from '../../../testing/cli/cli-expect';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';

let f: KeywardFixture;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  f = await startKeyward();
  env = cliEnvironment(f);
});

afterEach(async () => {
  await f.close();
});

// The command line's door to the window's "Check with AWS" (Keyward.checkStoredProfile).
describe('keyward profiles check', () => {
  it('says a kept key works, with its status', async () => {
    await storeAliceAsWork(f);
    const text = await keyward(env, ['profiles', 'check', '--profile', 'work']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^"work" works: AWS accepts it, and it is active\.\nLast used: /);
    const json = await keyward(env, ['profiles', 'check', '--profile', 'work', '--json']);
    expect(JSON.parse(json.stdout) as StoredKeyCheck).toMatchObject({
      name: 'work',
      working: true,
      status: 'Active',
    });
  });

  it('says a key AWS no longer accepts does not work (exit code 6)', async () => {
    const alice = await storeAliceAsWork(f);
    f.sandbox.state.accessKeys.delete(alice);
    const outcome = await keyward(env, ['profiles', 'check', '--profile', 'work']);
    expectOneLineError(outcome, 6, /AWS does not accept the key kept as "work"\..*profiles remove/);
  });

  it('refuses a name nothing is kept under (exit code 4)', async () => {
    expectOneLineError(
      await keyward(env, ['profiles', 'check', '--profile', 'ghost']),
      4,
      /no key called "ghost"/,
    );
  });
});
