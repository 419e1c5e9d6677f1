import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupCliProfile } from '../aws-config/cli-profile';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import { windowCall } from '../../../testing/core/window-door';

const f = keywardForEachTest();
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYDAMAGEDKEY';
/** An entry that still holds a secret but lost its key ID: shown by name only, never its contents. */
const damaged = JSON.stringify({ secretAccessKey: secret, userName: 'alice' });

// A keychain entry Keyward cannot read was once hidden from the list, while the error reading it
// told people to remove it. Now every door lists it as damaged and removes it.
describe('damaged keychain entries', () => {
  it('are listed by name and what is wrong, beside the keys kept, and sessions are not', async () => {
    await storeAliceAsWork(f);
    await f.store.set('profile:broken', damaged);
    await f.store.set('session:work', '{"not": "a key"}');
    const listed = await f.core.deviceKeys.inventory();
    expect(listed.kept.map((profile) => profile.name)).toEqual(['work']);
    expect(listed.damaged).toEqual([{ name: 'broken', problem: 'the key ID is missing' }]);

    const call = windowCall(f);
    const answer = await call('profiles.damaged', {});
    expect(answer).toEqual({
      ok: true,
      value: [{ name: 'broken', problem: 'the key ID is missing' }],
    });
    expect(JSON.stringify(answer)).not.toContain(secret);
  });

  it('can be removed from the window, its AWS command line set-up with it, and the removal is recorded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-damaged-'));
    const files = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
    writeFileSync(files.config, '[default]\nregion = us-west-2\n');
    await setupCliProfile('broken', { keywardCommand: ['/opt/keyward'], region: null, files });
    await f.store.set('profile:broken', damaged);

    const removed = await f.core.deviceKeys.remove('broken', { files });
    expect(removed.awsCli).toMatchObject({ removed: true });
    expect(readFileSync(files.config, 'utf8')).not.toContain('broken');
    expect(await f.store.get('profile:broken')).toBeNull();
    expect((await f.core.deviceKeys.inventory()).damaged).toEqual([]);
    const [entry] = await f.core.activity.recent(1);
    expect(entry).toMatchObject({ action: 'key.removed-from-device', accessKeyId: '' });
    expect(entry?.detail).toContain('damaged');
    expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it('through the window door too, and removing one that is gone says so', async () => {
    await f.store.set('profile:broken', 'not json at all');
    const call = windowCall(f);
    expect(await call('profiles.remove', { name: 'broken' })).toEqual({ ok: true, value: null });
    expect(await f.store.get('profile:broken')).toBeNull();
    expect(await call('profiles.remove', { name: 'broken' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
