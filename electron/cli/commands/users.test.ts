import { describe, expect, it } from 'vitest';
import type { OffboardResult } from '../../common/offboard';
import { awsCli, keyward } from '../../../testing/cli/cli-harness';
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

  it('with --delete-user removes the keys, console password, MFA, groups and the user, as the AWS CLI then sees', async () => {
    const { state } = f.sandbox;
    state.loginProfiles.set('bob', {
      userName: 'bob',
      createDate: new Date(),
      passwordResetRequired: false,
    });
    const device = state.addMfaDevice('bob');
    state.addGroup('developers', '/', new Date()).members.add('bob');
    const offboard = ['users', 'offboard', '--user', 'bob', '--delete-user', ...asAdmin];

    // Asked first, and the question lists everything that would go.
    const asked = await keyward(currentEnv(), offboard);
    expectOneLineError(
      asked,
      5,
      /deletes 2 keys and removes their console password, MFA arn:aws:iam::\d+:mfa\/bob, groups developers, the IAM user bob at once/,
    );
    expect(state.findUser('bob')).toBeDefined();

    const outcome = await keyward(currentEnv(), [...offboard, '--yes']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('Offboarding bob: 2 keys deleted.');
    expect(outcome.stdout).toMatch(/the console password +removed/);
    expect(outcome.stdout).toContain(`the MFA device ${device.serialNumber}  removed`);
    expect(outcome.stdout).toMatch(/the group developers +removed/);
    expect(outcome.stdout).toMatch(/the user bob +deleted/);

    // Debian's AWS CLI, as the admin, no longer finds bob.
    const { accessKeyId, secretAccessKey } = f.sandbox.credentialsFor('admin');
    const asAwsAdmin = {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const getUser = await awsCli(
      asAwsAdmin,
      f.sandbox.endpoint,
      'iam',
      'get-user',
      '--user-name',
      'bob',
    );
    expect(getUser.code).not.toBe(0);
    expect(getUser.stderr).toContain('NoSuchEntity');
    // The device itself is gone (deleted, not just turned off), and so is the membership.
    expect(f.sandbox.state.mfaDevices.has(device.serialNumber)).toBe(false);
    expect(f.sandbox.state.findGroup('developers')?.members.size).toBe(0);
  });

  it('removes only what it is told to: --remove-console-password leaves groups and the user', async () => {
    const { state } = f.sandbox;
    state.loginProfiles.set('bob', {
      userName: 'bob',
      createDate: new Date(),
      passwordResetRequired: false,
    });
    state.addGroup('developers', '/', new Date()).members.add('bob');
    const outcome = await keyward(currentEnv(), [
      'users',
      'offboard',
      '--user',
      'bob',
      '--remove-console-password',
      '--yes',
      ...asAdmin,
      '--json',
    ]);
    expect(outcome.code).toBe(0);
    const result = JSON.parse(outcome.stdout) as OffboardResult;
    expect(result.steps).toEqual([{ kind: 'console-password', target: 'bob', outcome: 'done' }]);
    expect(statusesOf('bob')).toEqual(['Inactive', 'Inactive']);
    expect(state.groupsOf('bob')).toHaveLength(1);
    expect(state.findUser('bob')).toBeDefined();
  });

  it('refuses to delete the user it is signed in as, before doing anything', async () => {
    const outcome = await keyward(currentEnv(), [
      'users',
      'offboard',
      '--user',
      'admin',
      '--delete-user',
      '--yes',
      ...asAdmin,
    ]);
    expectOneLineError(outcome, 2, /signed in as admin/);
    expect(f.sandbox.stats.calls('DeleteAccessKey')).toBe(0);
  });

  it('needs --user', async () => {
    const outcome = await keyward(currentEnv(), ['users', 'offboard', ...asAdmin]);
    expectOneLineError(outcome, 2, /--user is required\. Usage: keyward users offboard/);
  });
});
