import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { windowHandlers } from '../../../testing/core/window-door';

const f = keywardForEachTest();

describe('the window keeps a new key in the keychain only for the person it belongs to', () => {
  it('refuses to keep a colleague’s new key on the admin’s computer, and the secret stays held', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    const keep = windowHandlers(f)['keys.storeInKeychain']({
      handle: created.handle,
      profileName: 'alice-work',
    });
    await expect(keep).rejects.toMatchObject({
      code: 'access-denied',
      message: expect.stringContaining('alice') as string,
    });
    expect(await f.profiles.get('alice-work')).toBeNull();
    expect(f.core.newKeys.held().map((key) => key.securedBy)).toEqual([[]]);
  });

  it('keeps the person’s own new key', async () => {
    await f.signInAs('alice');
    const created = await f.core.newKeys.create('alice', null);
    const kept = await windowHandlers(f)['keys.storeInKeychain']({
      handle: created.handle,
      profileName: 'work',
    });
    expect(kept).toMatchObject({ name: 'work', accessKeyId: created.accessKeyId });
  });
});

describe('renaming a new key just kept', () => {
  it('moves it to the new name, keeping one copy', async () => {
    await f.signInAs('alice');
    const created = await f.core.newKeys.create('alice', null);
    const door = windowHandlers(f);
    await door['keys.storeInKeychain']({ handle: created.handle, profileName: 'work' });
    const renamed = await door['keys.renameKept']({
      handle: created.handle,
      from: 'work',
      to: 'my-work-key',
    });
    expect(renamed).toMatchObject({ name: 'my-work-key', accessKeyId: created.accessKeyId });
    expect(await f.profiles.get('work')).toBeNull();
    expect((await f.profiles.get('my-work-key'))?.accessKeyId).toBe(created.accessKeyId);
  });

  it('refuses a name already taken, and leaves the key where it was', async () => {
    await f.signInAs('alice');
    const created = await f.core.newKeys.create('alice', null);
    const door = windowHandlers(f);
    await door['keys.storeInKeychain']({ handle: created.handle, profileName: 'work' });
    await expect(
      door['keys.renameKept']({ handle: created.handle, from: 'work', to: 'sandbox-alice' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await f.profiles.get('work'))?.accessKeyId).toBe(created.accessKeyId);
  });

  it('renames only the new key itself, never another kept key', async () => {
    await f.signInAs('alice');
    const created = await f.core.newKeys.create('alice', null);
    await expect(
      windowHandlers(f)['keys.renameKept']({
        handle: created.handle,
        from: 'sandbox-alice',
        to: 'mine-now',
      }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await f.profiles.get('sandbox-alice')).not.toBeNull();
  });
});
