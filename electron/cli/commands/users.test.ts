import { describe, expect, it } from 'vitest';
import type { OffboardResult } from '../../common/offboard';
import { keyward } from '../../../testing/cli/cli-harness';
import { adminCliForEachTest, asAdmin, expectOneLineError } from '../../../testing/cli/cli-expect';

const { f, env: currentEnv } = adminCliForEachTest();

const statusesOf = (user: string) => f.sandbox.state.keysOf(user).map((key) => key.status);

// The command line's door to the offboarding the window uses too (core/keys/offboard.ts).
describe('keyward users offboard', () => {
  it('deactivates all of a person’s keys once confirmed, and says what happened to each', async () => {
    const [oldKey, ciKey] = f.sandbox.state.keysOf('bob');
    const offboard = ['users', 'offboard', '--user', 'bob', ...asAdmin];
    expectOneLineError(
      await keyward(currentEnv(), offboard),
      5,
      /deactivates 1 key at once.*--yes/,
    );
    expect(statusesOf('bob')).toEqual(['Inactive', 'Active']);

    const outcome = await keyward(currentEnv(), [...offboard, '--yes']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
    const lines = outcome.stdout.split('\n');
    expect(lines[0]).toBe('Offboarding bob: 1 key deactivated, 1 key already deactivated.');
    expect(outcome.stdout).toContain(`${oldKey?.accessKeyId ?? ''}  was already deactivated`);
    expect(outcome.stdout).toContain(`${ciKey?.accessKeyId ?? ''}  deactivated`);
    expect(statusesOf('bob')).toEqual(['Inactive', 'Inactive']);
  });

  it('deletes them all with --delete; a key AWS would not delete is reported, and the exit code says so', async () => {
    const [oldKey, ciKey] = f.sandbox.state.keysOf('bob');
    // Every attempt the SDK makes at the first deletion fails.
    for (let attempt = 1; attempt <= 5; attempt++) {
      f.sandbox.faults.failNth('DeleteAccessKey', attempt, 'error');
    }
    const outcome = await keyward(currentEnv(), [
      'users',
      'offboard',
      '--user',
      'bob',
      '--delete',
      '--yes',
      ...asAdmin,
      '--json',
    ]);
    expect(outcome.code).toBe(1);
    const result = JSON.parse(outcome.stdout) as OffboardResult;
    expect(result.keys).toMatchObject([
      { accessKeyId: oldKey?.accessKeyId, outcome: 'failed', error: { code: 'aws-failure' } },
      { accessKeyId: ciKey?.accessKeyId, outcome: 'done' },
    ]);
    expect(outcome.stderr).toMatch(/^keyward: 1 key of bob could not be deleted: [^\n]+\n$/);
    expect(f.sandbox.state.keysOf('bob').map((key) => key.accessKeyId)).toEqual([
      oldKey?.accessKeyId,
    ]);
  });

  it('refuses a person AWS does not know (exit code 4), before asking anything', async () => {
    const outcome = await keyward(currentEnv(), [
      'users',
      'offboard',
      '--user',
      'ghost',
      '--yes',
      ...asAdmin,
    ]);
    expectOneLineError(outcome, 4, /could not find .*ghost/);
    expect(f.sandbox.stats.calls('UpdateAccessKey')).toBe(0);
  });

  it('needs --user', async () => {
    const outcome = await keyward(currentEnv(), ['users', 'offboard', ...asAdmin]);
    expectOneLineError(outcome, 2, /--user is required\. Usage: keyward users offboard/);
  });
});
