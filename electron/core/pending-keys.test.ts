import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { createHandlers } from './handlers';

const f = keywardForEachTest();

function handlers() {
  return createHandlers({
    core: f.core,
    platform: f.platform,
    secretStore: f.store,
    appVersion: 'test',
    keywardCommand: () => Promise.resolve(['/usr/local/bin/keyward']),
  });
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
