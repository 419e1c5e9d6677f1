import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { AppError } from '../errors';
import { offboardUser } from './offboard';

const f = keywardForEachTest();

beforeEach(async () => {
  await f.signInAs('admin');
});

/** What the activity log says happened to `userName`'s keys, in order. */
async function recorded(userName: string): Promise<string[]> {
  return (await f.core.activity.read())
    .filter((entry) => entry.userName === userName)
    .map((entry) => `${entry.action} ${entry.accessKeyId}`);
}

describe('offboarding a person', () => {
  it('deactivates every active key, leaves an inactive one as it was, and records each once', async () => {
    const [oldKey, ciKey] = f.sandbox.state.keysOf('bob');
    expect(oldKey?.status).toBe('Inactive');
    expect(ciKey?.status).toBe('Active');

    const result = await offboardUser(f.core.keyAdmin, null, 'bob', 'deactivate');
    expect(result).toEqual({
      userName: 'bob',
      mode: 'deactivate',
      lockedOut: false,
      steps: [],
      keys: [
        { accessKeyId: oldKey?.accessKeyId, signedInKey: false, outcome: 'unchanged' },
        { accessKeyId: ciKey?.accessKeyId, signedInKey: false, outcome: 'done' },
      ],
    });
    expect(f.sandbox.state.keysOf('bob').map((key) => key.status)).toEqual([
      'Inactive',
      'Inactive',
    ]);
    expect(await recorded('bob')).toEqual([`key.deactivated ${ciKey?.accessKeyId ?? ''}`]);

    // Again: nothing is left to do, so nothing is done or recorded.
    const again = await offboardUser(f.core.keyAdmin, null, 'bob', 'deactivate');
    expect(again.keys.map((key) => key.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(f.sandbox.stats.calls('UpdateAccessKey')).toBe(1);
    expect(await recorded('bob')).toHaveLength(1);
  });

  it('deletes every key, even one in use, and one failure does not stop the rest', async () => {
    const [oldKey, ciKey] = f.sandbox.state.keysOf('bob');
    // AWS fails the first key's deletion on every attempt the SDK makes (it tries 5 times).
    for (let attempt = 1; attempt <= 5; attempt++) {
      f.sandbox.faults.failNth('DeleteAccessKey', attempt, 'error');
    }

    const result = await offboardUser(f.core.keyAdmin, null, 'bob', 'delete');
    const [first, second] = result.keys;
    expect(first).toMatchObject({ accessKeyId: oldKey?.accessKeyId, outcome: 'failed' });
    if (first?.outcome !== 'failed') throw new Error('expected the first key to fail');
    // Plain words for the person, never a stack or the SDK's text.
    expect(first.error.message).toMatch(/^AWS /);
    expect(first.error.hint).not.toBe('');
    expect(second).toEqual({
      accessKeyId: ciKey?.accessKeyId,
      signedInKey: false,
      outcome: 'done',
    });
    expect(f.sandbox.state.keysOf('bob').map((key) => key.accessKeyId)).toEqual([
      oldKey?.accessKeyId,
    ]);
    expect(await recorded('bob')).toEqual([`key.deleted ${ciKey?.accessKeyId ?? ''}`]);
  });

  it('does the key Keyward is signed in with last, and only when the lock-out was agreed', async () => {
    const own = f.sandbox.admin.accessKeyId;
    const spare = await f.core.newKeys.create('admin', null);

    const refused = await offboardUser(f.core.keyAdmin, null, 'admin', 'deactivate');
    expect(refused.lockedOut).toBe(false);
    expect(refused.keys.at(-1)).toMatchObject({
      accessKeyId: own,
      signedInKey: true,
      outcome: 'failed',
      error: { code: 'confirmation-required' },
    });
    expect(refused.keys[0]).toMatchObject({ accessKeyId: spare.accessKeyId, outcome: 'done' });
    expect(f.sandbox.state.accessKeys.get(own)?.status).toBe('Active');

    const agreed = await offboardUser(f.core.keyAdmin, null, 'admin', 'deactivate', {
      confirmLockOut: true,
    });
    expect(agreed.lockedOut).toBe(true);
    expect(agreed.keys.map((key) => [key.accessKeyId, key.outcome])).toEqual([
      [spare.accessKeyId, 'unchanged'],
      [own, 'done'],
    ]);
    expect(f.sandbox.state.accessKeys.get(own)?.status).toBe('Inactive');
    expect((await recorded('admin')).filter((line) => line.startsWith('key.deactivated'))).toEqual([
      `key.deactivated ${spare.accessKeyId}`,
      `key.deactivated ${own}`,
    ]);
  });

  it('refuses a person AWS does not know, plainly, before doing anything', async () => {
    const error = await offboardUser(f.core.keyAdmin, null, 'ghost', 'delete').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not-found' });
    expect((error as AppError).message).toMatch(/ghost/);
    expect(f.sandbox.stats.calls('DeleteAccessKey')).toBe(0);
  });
});
