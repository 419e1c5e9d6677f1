import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../../testing/core/kept-keys';

/** Nothing listens on the discard port: every connection is refused, as when AWS is offline. */
const unreachable = 'http://127.0.0.1:9';

const f = keywardForEachTest();

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a failure');
}

async function keepAlicesKey(name: string): Promise<void> {
  await keepKeyOf(f, 'alice', name);
}

describe('when AWS cannot be reached, Keyward says so and never blames the key', () => {
  it('“Check with AWS” on a kept key says it could not check, not that the key is dead', async () => {
    await keepAlicesKey('work');
    await f.core.settings.update({ endpoint: unreachable });
    const error = await failure(f.core.deviceKeys.check('work'));
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toMatch(/could not reach AWS to check this key/);
    expect(await f.profiles.get('work')).not.toBeNull();
  });

  it('signing in says AWS could not be reached, not that AWS refused', async () => {
    await keepAlicesKey('work');
    await f.core.settings.update({ endpoint: unreachable });
    const error = await failure(f.core.session.signIn({ kind: 'stored-key', profile: 'work' }));
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toBe('Keyward could not reach AWS to sign in.');
  });

  it('receiving a key says AWS could not be reached, not that the key may be deactivated', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    const desk = f.core.handoff;
    const file = path.join(f.platform.dataDir(), 'alice.keyward');
    f.platform.answerNextSave(file);
    const saved = await desk.save(created.handle, { kind: 'passphrase', passphrase: null });
    await f.core.newKeys.finish(created.handle, false);

    await f.core.settings.update({ endpoint: unreachable });
    f.platform.answerNextOpen(file);
    const opened = await desk.open({ kind: 'dialog' });
    await desk.unlock(opened!.token, saved!.passphrase);
    const error = await failure(desk.claim(opened!.token, 0, 'work', false));
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toMatch(/could not reach AWS/);
    expect(error.message).not.toMatch(/does not work/);
    expect(await f.profiles.get('work')).toBeNull();
  });
});
