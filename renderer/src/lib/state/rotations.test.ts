import { describe, expect, it, vi } from 'vitest';
import type { Identity, RotationResult, RotationStatus } from '../../../../electron/common/domain';
import type { FakeMethods } from '../../../../testing/renderer/fake-api';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { awsKey, keptKey, settings, workingCheck } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { KeyChecks } from './key-checks.svelte';
import { Rotations, stepsDone } from './rotations.svelte';
import { Session } from './session.svelte';
import { StoredKeys } from './stored-keys.svelte';

const work = keptKey('work', { accessKeyId: 'AKIAOLDOLDOLDOLD1111' });
const rotated: RotationResult = {
  profile: 'work',
  userName: 'alice',
  oldKeyId: work.accessKeyId,
  newKeyId: 'AKIANEWNEWNEWNEW2222',
  oldKey: { state: 'deleted' },
  removedKeyIds: [],
};
const unfinished: RotationStatus = {
  state: 'unfinished',
  step: 'stage',
  oldKeyId: work.accessKeyId,
  newKeyId: 'AKIANEWNEWNEWNEW2222',
  startedAt: '2025-01-01T00:00:00Z',
};
const otherKey = awsKey('AKIAOTHEROTHEROT3333', { status: 'Inactive' });

function rotationOf(methods: FakeMethods, status: RotationStatus = { state: 'none' }) {
  const { api, calls } = fakeApi({
    profiles: {
      list: () => Promise.resolve(ok([work])),
      check: () => Promise.resolve(ok(workingCheck('work'))),
    },
    settings: { get: () => Promise.resolve(ok(settings)) },
    auth: { whoami: () => Promise.resolve(ok<Identity | null>(null)) },
    ...methods,
    keys: {
      rotationStatus: () => Promise.resolve(ok(status)),
      ...methods.keys,
    },
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  const checks = new KeyChecks(api, announcer);
  const stored = new StoredKeys(api);
  const session = new Session(api, announcer);
  const rotations = new Rotations({ api, announcer, checks, stored, session });
  return { rotation: rotations.of('work'), checks, stored, said, calls };
}

describe('replacing a kept key', () => {
  it('shows the work under way, then the new key, and forgets the old key’s check', async () => {
    const answer = later<RotationResult>();
    const { rotation, checks, stored, said } = rotationOf({
      keys: { rotate: () => answer.promise },
    });
    await stored.load();
    await checks.of('work').check();
    const running = rotation.rotate(7, false);
    expect(rotation.work.doing).toBe('rotate');
    answer.answer(rotated);
    expect(await running).toBe('done');
    expect(rotation.work.busy).toBe(false);
    expect(rotation.outcome).toEqual({ kind: 'rotated', result: rotated });
    expect(checks.of('work').value).toBeNull();
    expect(said).toHaveBeenLastCalledWith(
      '“work” now uses the new key AKIA…2222. The old key was deleted.',
    );
  });

  it('with no room for a new key, suggests the other key, and shows no error', async () => {
    const { rotation, stored } = rotationOf({
      keys: {
        rotate: () =>
          refused('key-limit', undefined, {
            existingKeys: [{ ...otherKey, accessKeyId: work.accessKeyId }, otherKey],
          }),
      },
    });
    await stored.load();
    expect(await rotation.rotate(7, false)).toBe('limit');
    expect(rotation.limit?.other?.accessKeyId).toBe(otherKey.accessKeyId);
    expect(rotation.work.error).toBeNull();
  });

  it('a stop part-way offers to finish or go back, instead of an error', async () => {
    const { rotation, said } = rotationOf(
      {
        keys: {
          rotate: () => refused('network', 'Offline.'),
        },
      },
      unfinished,
    );
    expect(await rotation.rotate(7, false)).toBe('stopped');
    expect(rotation.unfinished?.step).toBe('stage');
    expect(rotation.stopped?.message).toBe('Offline.');
    expect(rotation.work.error).toBeNull();
    expect(said).toHaveBeenLastCalledWith('Replacing “work” stopped part-way. Nothing is lost.');
  });

  it('a rotation that could not start says why where it was asked for', async () => {
    const { rotation } = rotationOf({
      keys: {
        rotate: () => refused('access-denied', 'No.'),
      },
    });
    expect(await rotation.rotate(0, false)).toBe('failed');
    expect(rotation.work.error?.message).toBe('No.');
    expect(rotation.stopped).toBeNull();
  });

  it('going back to the old key says which key was deleted', async () => {
    const { rotation, said } = rotationOf(
      {
        keys: {
          rotateRollback: () =>
            Promise.resolve(
              ok({
                profile: 'work',
                userName: 'alice',
                keptKeyId: work.accessKeyId,
                deletedKeyIds: ['AKIANEWNEWNEWNEW2222'],
              }),
            ),
        },
      },
      unfinished,
    );
    await rotation.loadStatus();
    await rotation.rollback();
    expect(rotation.outcome?.kind).toBe('rolled-back');
    expect(said).toHaveBeenLastCalledWith(
      'Went back to the old key AKIA…1111. The new key AKIA…2222 was deleted.',
    );
  });

  it('counts the steps done from main’s record', () => {
    expect(stepsDone('create')).toBe(1);
    expect(stepsDone('switch')).toBe(4);
    expect(stepsDone('finish')).toBe(6);
    expect(stepsDone('started')).toBe(0);
  });
});
