import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeywardFixture } from '../../testing/core/keyward-fixture';
import { startKeyward } from '../../testing/core/keyward-fixture';
import { createHandlers } from './handlers';
import { HandoffDesk } from './handoff/handoff-desk';

let f: KeywardFixture;

beforeEach(async () => {
  f = await startKeyward();
});

afterEach(async () => {
  await f.close();
});

function handlers() {
  return createHandlers({
    keyward: f.keyward,
    handoff: new HandoffDesk(f.keyward),
    appVersion: 'test',
    keywardCommand: () => Promise.resolve(['/usr/local/bin/keyward']),
  });
}

describe('asking which new keys are held (keys.pending), as a reloaded window does', () => {
  it('waits for a key still being created, so its secret is offered again', async () => {
    await f.signInAs('admin');
    // AWS is slow: the window reloads and asks while CreateAccessKey is still on its way.
    f.sandbox.faults.setLatency(800);
    const creating = f.keyward.createKey('alice', null);
    const held = await handlers()['keys.pending']({});
    const created = await creating;
    expect(held.map((key) => key.accessKeyId)).toEqual([created.accessKeyId]);
    expect(held[0]?.securedBy).toEqual([]);
  });

  it('answers once a creation in flight has failed, without that failure', async () => {
    await f.signInAs('admin');
    f.sandbox.faults.setLatency(800);
    // Bob already has two keys: AWS refuses a third.
    const creating = f.keyward.createKey('bob', null).catch((error: unknown) => error);
    expect(await handlers()['keys.pending']({})).toEqual([]);
    expect(await creating).toMatchObject({ code: 'key-limit' });
  });
});
