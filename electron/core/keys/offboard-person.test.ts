import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { AppError } from '../errors';

const f = keywardForEachTest();

/** Bob, leaving: two keys, a console password, an authenticator app and two groups. */
function bobHasEverything(fixture: KeywardFixture): string {
  const { state } = fixture.sandbox;
  const now = new Date();
  state.loginProfiles.set('bob', {
    userName: 'bob',
    createDate: now,
    passwordResetRequired: false,
  });
  const device = state.addMfaDevice('bob');
  for (const name of ['developers', 'on-call']) state.addGroup(name, '/', now).members.add('bob');
  return device.serialNumber;
}

/** What History says happened to bob, oldest first. */
async function recorded(): Promise<string[]> {
  return (await f.core.activity.read())
    .filter((entry) => entry.userName === 'bob')
    .map((entry) =>
      [entry.action, entry.accessKeyId, entry.detail ?? ''].filter(Boolean).join(' '),
    );
}

describe('offboarding a whole person', () => {
  let serial: string;
  beforeEach(async () => {
    serial = bobHasEverything(f);
    await f.signInAs('admin');
  });

  it('previews everything that would go, before anything is done', async () => {
    const [oldKey, ciKey] = f.sandbox.state.keysOf('bob');
    const preview = await f.core.keyAdmin.offboardPreview('bob');
    expect(preview).toEqual({
      userName: 'bob',
      keys: [
        { accessKeyId: oldKey?.accessKeyId, status: 'Inactive', signedInKey: false },
        { accessKeyId: ciKey?.accessKeyId, status: 'Active', signedInKey: false },
      ],
      consolePassword: true,
      mfaDevices: [serial],
      groups: ['developers', 'on-call'],
      cannotDeleteUser: null,
    });
    for (const changing of ['DeleteAccessKey', 'DeleteLoginProfile', 'DeleteUser']) {
      expect(f.sandbox.stats.calls(changing)).toBe(0);
    }
  });

  it('deletes the keys, console password, MFA device, groups and the user, in that order, each in History', async () => {
    const [oldKey, ciKey] = f.sandbox.state.keysOf('bob');
    const result = await f.core.keyAdmin.offboard('bob', 'delete', { also: ['user'] });

    expect(result.keys.map((key) => key.outcome)).toEqual(['done', 'done']);
    expect(result.steps).toEqual([
      { kind: 'console-password', target: 'bob', outcome: 'done' },
      { kind: 'mfa-device', target: serial, outcome: 'done' },
      { kind: 'group', target: 'developers', outcome: 'done' },
      { kind: 'group', target: 'on-call', outcome: 'done' },
      { kind: 'user', target: 'bob', outcome: 'done' },
    ]);
    const { state } = f.sandbox;
    expect(state.findUser('bob')).toBeUndefined();
    expect(state.loginProfiles.has('bob')).toBe(false);
    // A virtual device is deleted, not just turned off (the IAM console does the same).
    expect(state.mfaDevicesOf('bob')).toEqual([]);
    expect(state.findGroup('developers')?.members.has('bob')).toBe(false);
    expect(await recorded()).toEqual([
      `key.deleted ${oldKey?.accessKeyId ?? ''}`,
      `key.deleted ${ciKey?.accessKeyId ?? ''}`,
      'user.console-password-removed',
      `user.mfa-device-removed ${serial}`,
      'user.removed-from-group developers',
      'user.removed-from-group on-call',
      'user.deleted',
    ]);
  });

  it('counts a key whose delete went through but whose answer was lost as deleted, and goes on', async () => {
    // AWS deletes the first key, the answer never arrives, the SDK asks again: NoSuchEntity.
    f.sandbox.faults.failNth('DeleteAccessKey', 1, 'drop-after-commit');
    const result = await f.core.keyAdmin.offboard('bob', 'delete', { also: ['user'] });
    expect(result.keys.map((key) => key.outcome)).toEqual(['done', 'done']);
    expect(result.steps.at(-1)).toEqual({ kind: 'user', target: 'bob', outcome: 'done' });
    expect(f.sandbox.state.findUser('bob')).toBeUndefined();
  });

  it('removes only what was chosen: keys deactivated and the console password, the rest stays', async () => {
    const result = await f.core.keyAdmin.offboard('bob', 'deactivate', {
      also: ['console-password'],
    });
    expect(result.steps).toEqual([{ kind: 'console-password', target: 'bob', outcome: 'done' }]);
    const { state } = f.sandbox;
    expect(state.keysOf('bob').map((key) => key.status)).toEqual(['Inactive', 'Inactive']);
    expect(state.loginProfiles.has('bob')).toBe(false);
    expect(state.mfaDevicesOf('bob')).toHaveLength(1);
    expect(state.groupsOf('bob')).toHaveLength(2);
    expect(state.findUser('bob')).toBeDefined();
  });

  it('a person without a console password is not a failure', async () => {
    f.sandbox.state.loginProfiles.delete('bob');
    const result = await f.core.keyAdmin.offboard('bob', 'delete', { also: ['user'] });
    expect(result.steps.map((step) => `${step.kind} ${step.outcome}`)).toEqual([
      'mfa-device done',
      'group done',
      'group done',
      'user done',
    ]);
    expect(f.sandbox.stats.calls('DeleteLoginProfile')).toBe(0);
  });

  it('does not try to delete the user while a key is left, and says which', async () => {
    const [oldKey] = f.sandbox.state.keysOf('bob');
    for (let attempt = 1; attempt <= 5; attempt++) {
      f.sandbox.faults.failNth('DeleteAccessKey', attempt, 'error');
    }
    const result = await f.core.keyAdmin.offboard('bob', 'delete', { also: ['user'] });
    expect(result.keys[0]).toMatchObject({ outcome: 'failed' });
    const last = result.steps.at(-1);
    expect(last).toMatchObject({ kind: 'user', outcome: 'skipped' });
    if (last?.outcome !== 'skipped') throw new Error('expected the user step to be skipped');
    expect(last.reason).toContain(`key ${oldKey?.accessKeyId ?? ''}`);
    expect(f.sandbox.stats.calls('DeleteUser')).toBe(0);
    expect(f.sandbox.state.findUser('bob')).toBeDefined();
    // The rest was still done: the person can no longer sign in to the console.
    expect(f.sandbox.state.loginProfiles.has('bob')).toBe(false);
  });

  it('refuses deleting a user whose keys are only deactivated', async () => {
    const error = await f.core.keyAdmin
      .offboard('bob', 'deactivate', { also: ['user'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(f.sandbox.stats.calls('UpdateAccessKey')).toBe(0);
  });

  it('never removes the signed-in admin’s own user, password, MFA or groups', async () => {
    const preview = await f.core.keyAdmin.offboardPreview('admin');
    expect(preview.cannotDeleteUser).toMatch(/signed in as admin/);
    const error = await f.core.keyAdmin
      .offboard('admin', 'delete', { also: ['user'], confirmLockOut: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(f.sandbox.stats.calls('DeleteAccessKey')).toBe(0);
    expect(f.sandbox.state.findUser('admin')).toBeDefined();
  });
});

describe('the preview for someone who may not look at everything', () => {
  it('says what it could not read instead of guessing', async () => {
    bobHasEverything(f);
    await f.signInAs('bob');
    const preview = await f.core.keyAdmin.offboardPreview('bob');
    expect(preview.keys).toHaveLength(2);
    // Self-service may list its own MFA devices, but not read its password or groups.
    expect(preview.mfaDevices).toHaveLength(1);
    expect(preview.consolePassword).toBeNull();
    expect(preview.groups).toBeNull();
  });
});
