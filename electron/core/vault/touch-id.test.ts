import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../testing/memory-store';
import { TestPlatform } from '../../../testing/test-platform';
import { createCore } from '../compose';
import type { Core } from '../compose';
import { createHandlers } from '../handlers';
import { ProfileStore } from './profile-store';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let platform: TestPlatform;
let core: Core;
let store: MemoryStore;

beforeEach(async () => {
  platform = new TestPlatform();
  store = new MemoryStore();
  core = createCore(platform, store);
  await new ProfileStore(store).put('work', {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: secret,
    userName: 'alice',
    accountId: '123456789012',
    created: '2025-01-02T00:00:00.000Z',
    description: null,
  });
});

const copiedEntries = async () =>
  (await core.activity.recent(10)).filter((entry) => entry.action === 'key.secret-copied');

describe('copying a stored key’s secret on a Mac with Touch ID', () => {
  it('asks for Touch ID first, naming the key, and copies once it is confirmed', async () => {
    platform.touchIdAvailable = true;
    platform.answerNextTouchId('confirmed');
    await core.deviceKeys.copySecret('work');
    expect(platform.touchIdReasons).toEqual(['copy the secret of your key “work”']);
    expect(platform.clipboard).toBe(secret);
    expect(await copiedEntries()).toHaveLength(1);
  });

  it('copies nothing when Touch ID is not confirmed, and says what to do', async () => {
    platform.touchIdAvailable = true;
    platform.answerNextTouchId('refused');
    await expect(core.deviceKeys.copySecret('work')).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The secret of “work” was not copied: Touch ID was not confirmed.',
      hint: 'Copy it again and confirm with Touch ID, or turn off “Ask for Touch ID” in Settings.',
    });
    expect(platform.clipboard).toBe('');
    expect(await copiedEntries()).toEqual([]);
  });

  it('copies when Touch ID cannot ask after all (no finger enrolled, say)', async () => {
    platform.touchIdAvailable = true;
    platform.answerNextTouchId('unavailable');
    await core.deviceKeys.copySecret('work');
    expect(platform.clipboard).toBe(secret);
  });

  it('does not ask when the person turned it off in Settings', async () => {
    platform.touchIdAvailable = true;
    await core.settings.update({ askTouchId: false });
    await core.deviceKeys.copySecret('work');
    expect(platform.touchIdReasons).toEqual([]);
    expect(platform.clipboard).toBe(secret);
  });
});

describe('copying a stored key’s secret without Touch ID', () => {
  it('copies without asking: the keychain’s own locking protects the key', async () => {
    await core.deviceKeys.copySecret('work');
    expect(platform.touchIdReasons).toEqual([]);
    expect(platform.clipboard).toBe(secret);
  });
});

describe('what the window is told about Touch ID', () => {
  it('says whether Keyward can ask for it here, for Settings to offer the choice', async () => {
    const handlers = createHandlers({
      core,
      platform,
      secretStore: store,
      appVersion: 'test',
      keywardCommand: () => Promise.resolve(['/usr/local/bin/keyward']),
    });
    expect(await handlers['app.about']({})).toMatchObject({ touchId: false });
    platform.touchIdAvailable = true;
    expect(await handlers['app.about']({})).toMatchObject({ touchId: true });
  });
});
