import { describe, expect, it, vi } from 'vitest';
import type { AccessKeySummary } from '../../../../electron/common/domain';
import type { OffboardResult } from '../../../../electron/common/offboard';
import type { FakeMethods } from '../../../../testing/renderer/fake-api';
import { fakeApi, later, ok, refusal, refused } from '../../../../testing/renderer/fake-api';
import { awsKey } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { UserKeys } from './user-keys.svelte';

const key = awsKey;
const one = key('AKIAONEONEONEONE1111');
const two = key('AKIATWOTWOTWOTWO2222');
const own = key('AKIAOWNOWNOWNOWN3333', { signedInKey: true });

function keysWith(methods: FakeMethods) {
  const { api, calls } = fakeApi(methods);
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  const lockedOut = vi.fn(() => Promise.resolve());
  const userDeleted = vi.fn();
  const keys = new UserKeys(api, announcer, lockedOut, userDeleted);
  return { keys, calls, said, lockedOut, userDeleted };
}

describe('one person’s keys', () => {
  it('shows the person chosen last, even when an earlier list arrives later', async () => {
    const alices = later<AccessKeySummary[]>();
    const { keys } = keysWith({
      keys: {
        list: ({ userName }) =>
          userName === 'alice'
            ? alices.promise
            : Promise.resolve(ok([key('AKIABOBBOBBOBBOB4444')])),
      },
    });
    const first = keys.show('alice');
    expect(keys.listing.busy).toBe(true);
    await keys.show('bob');
    alices.answer([one, two]);
    await first;
    expect(keys.userName).toBe('bob');
    expect(keys.keys.map((k) => k.accessKeyId)).toEqual(['AKIABOBBOBBOBBOB4444']);
    expect(keys.listing.busy).toBe(false);
  });

  it('switching a key off shows which key is busy, then its new state, and says so', async () => {
    const switching = later<null>();
    const { keys, said, calls } = keysWith({
      keys: { list: () => Promise.resolve(ok([one, two])), setStatus: () => switching.promise },
    });
    await keys.show('alice');
    const done = keys.setStatus(one, 'Inactive');
    expect(keys.doingTo(one)).toBe('deactivate');
    expect(keys.doingTo(two)).toBeNull();
    switching.answer(null);
    expect(await done).toBe(true);
    expect(calls.at(-1)).toEqual({ method: 'audit.personChanged', input: { userName: 'alice' } });
    expect(keys.keys[0]?.status).toBe('Inactive');
    expect(keys.activeCount).toBe(1);
    expect(said).toHaveBeenLastCalledWith('Key AKIA…1111 is now deactivated.');
  });

  it('says beside the key why it could not be switched', async () => {
    const { keys } = keysWith({
      keys: {
        list: () => Promise.resolve(ok([one, two])),
        setStatus: () => refused('access-denied', 'Not allowed.'),
      },
    });
    await keys.show('alice');
    expect(await keys.setStatus(two, 'Inactive')).toBe(false);
    expect(keys.errorOf(two)?.message).toBe('Not allowed.');
    expect(keys.errorOf(one)).toBeNull();
  });

  it('switching off the key Keyward signs in with signs out, with the person’s agreement sent', async () => {
    const { keys, calls, lockedOut, said } = keysWith({
      keys: { list: () => Promise.resolve(ok([own])), setStatus: () => Promise.resolve(ok(null)) },
    });
    await keys.show('alice');
    await keys.setStatus(own, 'Inactive', { confirmLockOut: true });
    expect(calls.find((c) => c.method === 'keys.setStatus')?.input).toMatchObject({
      confirmInUse: true,
    });
    expect(lockedOut).toHaveBeenCalledOnce();
    expect(said).toHaveBeenLastCalledWith(
      'Key AKIA…3333 was deactivated. Keyward was signed in with it, so it signed out. Sign in with another key or AWS profile to carry on.',
    );
  });

  it('deleting gives the refusal to the dialog that asked, not beside the key', async () => {
    const { keys } = keysWith({
      keys: {
        list: () => Promise.resolve(ok([one])),
        delete: () => refused('conflict', 'Still in use.'),
      },
    });
    await keys.show('alice');
    const answer = await keys.delete(one);
    expect(answer.ok ? null : answer.error.message).toBe('Still in use.');
    expect(keys.errorOf(one)).toBeNull();
    expect(keys.keys).toHaveLength(1);
  });

  it('a description is set on the key shown, and an empty one removes it', async () => {
    const { keys, said } = keysWith({
      keys: { list: () => Promise.resolve(ok([one])), describe: () => Promise.resolve(ok(null)) },
    });
    await keys.show('alice');
    await keys.describe(one, 'Laptop backup');
    expect(keys.keys[0]?.description).toBe('Laptop backup');
    expect(said).toHaveBeenLastCalledWith('Key AKIA…1111 is now described as “Laptop backup”.');
    await keys.describe(one, '');
    expect(keys.keys[0]?.description).toBeNull();
  });

  it('offboarding sums up what main did to each key, and signs out if Keyward was locked out', async () => {
    const offboarded: OffboardResult = {
      userName: 'alice',
      mode: 'deactivate',
      keys: [
        { accessKeyId: 'AKIAOFFOFFOFFOFF5555', signedInKey: false, outcome: 'unchanged' },
        {
          accessKeyId: one.accessKeyId,
          signedInKey: false,
          outcome: 'failed',
          error: refusal('throttled', 'Slow down.'),
        },
        { accessKeyId: own.accessKeyId, signedInKey: true, outcome: 'done' },
      ],
      steps: [],
      lockedOut: true,
    };
    const offboarding = later<OffboardResult>();
    const { keys, calls, lockedOut, said } = keysWith({
      keys: {
        list: () =>
          Promise.resolve(ok([own, one, key('AKIAOFFOFFOFFOFF5555', { status: 'Inactive' })])),
      },
      users: { offboard: () => offboarding.promise },
    });
    await keys.show('alice');
    const done = keys.offboard('deactivate', { confirmLockOut: true });
    expect(keys.offboarding.busy).toBe(true);
    offboarding.answer(offboarded);
    await done;
    expect(calls.find((c) => c.method === 'users.offboard')?.input).toEqual({
      userName: 'alice',
      mode: 'deactivate',
      confirmLockOut: true,
    });
    expect(keys.offboarding.value).toEqual({
      mode: 'deactivate',
      done: [own.accessKeyId],
      unchanged: ['AKIAOFFOFFOFFOFF5555'],
      failed: [{ accessKeyId: one.accessKeyId, error: refusal('throttled', 'Slow down.') }],
      steps: [],
      userDeleted: false,
    });
    expect(said).toHaveBeenCalledWith('alice: 1 key deactivated, 1 key failed.');
    expect(lockedOut).toHaveBeenCalledOnce();
  });

  it('offboarding the whole person asks for the extras, and a deleted user leaves nothing to show', async () => {
    const { keys, calls, lockedOut, said, userDeleted } = keysWith({
      keys: { list: () => Promise.resolve(ok([one])) },
      users: {
        offboardPreview: () =>
          Promise.resolve(
            ok({
              userName: 'alice',
              keys: [one],
              consolePassword: true,
              mfaDevices: [],
              groups: ['developers'],
              cannotDeleteUser: null,
            }),
          ),
        offboard: () =>
          Promise.resolve(
            ok({
              userName: 'alice',
              mode: 'delete' as const,
              keys: [
                { accessKeyId: one.accessKeyId, signedInKey: false, outcome: 'done' as const },
              ],
              steps: [
                { kind: 'console-password' as const, target: 'alice', outcome: 'done' as const },
                { kind: 'group' as const, target: 'developers', outcome: 'done' as const },
                { kind: 'user' as const, target: 'alice', outcome: 'done' as const },
              ],
              lockedOut: false,
            }),
          ),
      },
    });
    await keys.show('alice');
    await keys.previewOffboarding();
    expect(keys.offboardPreview.value?.groups).toEqual(['developers']);
    await keys.offboard('delete', { also: ['user'] });
    expect(calls.find((c) => c.method === 'users.offboard')?.input).toEqual({
      userName: 'alice',
      mode: 'delete',
      also: ['user'],
    });
    expect(keys.offboarding.value?.userDeleted).toBe(true);
    // Nothing is left to list: the keys are not asked for again.
    expect(keys.keys).toEqual([]);
    expect(calls.filter((c) => c.method === 'keys.list')).toHaveLength(1);
    expect(said).toHaveBeenCalledWith('alice was deleted from AWS, with their keys and access.');
    expect(userDeleted).toHaveBeenCalledWith('alice');
    expect(lockedOut).not.toHaveBeenCalled();
    // The last audit reads alice again (main drops her row), before the window moves on.
    expect(calls.filter((c) => c.method === 'audit.personChanged').map((c) => c.input)).toEqual([
      { userName: 'alice' },
    ]);
  });
});
