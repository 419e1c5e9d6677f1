import { describe, expect, it, vi } from 'vitest';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { windowHandlers } from '../../testing/core/window-door';

const f = keywardForEachTest();

function handlers() {
  return windowHandlers(f);
}

describe('asking which new keys are held (keys.pending), as a reloaded window does', () => {
  it('waits for a key still being created, so its secret is offered again', async () => {
    await f.signInAs('admin');
    // AWS is slow: the window reloads and asks while CreateAccessKey is still on its way.
    f.sandbox.faults.setLatency(800);
    const creating = f.core.newKeys.create('alice', null);
    const held = await handlers()['keys.pending']({});
    const created = await creating;
    expect(held.map((key) => key.accessKeyId)).toEqual([created.accessKeyId]);
    expect(held[0]?.securedBy).toEqual([]);
  });

  it('answers once a creation in flight has failed, without that failure', async () => {
    await f.signInAs('admin');
    f.sandbox.faults.setLatency(800);
    // Bob already has two keys: AWS refuses a third.
    const creating = f.core.newKeys.create('bob', null).catch((error: unknown) => error);
    expect(await handlers()['keys.pending']({})).toEqual([]);
    expect(await creating).toMatchObject({ code: 'key-limit' });
  });
});

describe('a new key’s secret belongs to the AWS sign-in that created it', () => {
  it('signing out drops a secret kept nowhere; the key is then offered as an unsaved key to delete', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    f.core.session.signOut();

    expect(await handlers()['keys.pending']({})).toEqual([]);
    await expect(f.core.newKeys.reveal(created.handle)).rejects.toMatchObject({
      code: 'secret-gone',
    });
    expect(await f.core.lostKeys.list()).toMatchObject([
      { accessKeyId: created.accessKeyId, userName: 'alice' },
    ]);
    // Recorded just after: signing out itself does not wait for the activity log.
    await vi.waitFor(async () => {
      expect((await f.core.activity.read()).map((entry) => entry.action)).toContain('key.lost');
    });
  });

  it('signing in as someone else drops it too, and that sign-in never sees the secret', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    await f.signInAs('auditor');
    await expect(f.core.newKeys.reveal(created.handle)).rejects.toMatchObject({
      code: 'secret-gone',
    });
    expect(f.core.newKeys.held()).toEqual([]);
  });

  it('a key already kept somewhere is simply forgotten at sign-out, with no reminder', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    await f.core.newKeys.keep(created.handle, 'alice-laptop');
    f.core.session.signOut();
    expect(f.core.newKeys.held()).toEqual([]);
    expect(await f.core.lostKeys.list()).toEqual([]);
  });

  it('signing in again as the same person (a rotated key, say) keeps it', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    await f.signInAs('admin');
    expect(await f.core.newKeys.reveal(created.handle)).toMatch(/^[A-Za-z0-9/+]{40}$/);
  });
});
