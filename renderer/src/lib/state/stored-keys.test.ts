import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredProfile } from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { keptKey, settings as defaults } from '../../../../testing/renderer/fixtures';
import { StoredKeys } from './stored-keys.svelte';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const profile = (name: string, created: string) => keptKey(name, { created });
const settings = { ...defaults, staleKeyDays: 60 };

describe('the keys kept on this computer', () => {
  it('lists them by name and counts those older than the setting', async () => {
    const { api } = fakeApi({
      profiles: {
        list: () =>
          Promise.resolve(ok([profile('work', daysAgo(100)), profile('home', daysAgo(10))])),
      },
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    const stored = new StoredKeys(api);
    expect(stored.loaded).toBe(false);
    await stored.load();
    expect(stored.loaded).toBe(true);
    expect(stored.names).toEqual(['home', 'work']);
    expect(stored.staleKeyDays).toBe(60);
    expect(stored.staleCount).toBe(1);
  });

  it('says why the keychain could not be read', async () => {
    const { api } = fakeApi({
      profiles: {
        list: () => refused('vault-unavailable', 'Locked.'),
      },
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    const stored = new StoredKeys(api);
    await stored.load();
    expect(stored.listing.error?.message).toBe('Locked.');
    expect(stored.loaded).toBe(false);
  });

  it('an older list arriving after a newer one does not replace it', async () => {
    const older = later<StoredProfile[]>();
    let answer = older.promise;
    const { api } = fakeApi({
      profiles: { list: () => answer },
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    const stored = new StoredKeys(api);
    const first = stored.load();
    answer = Promise.resolve(ok([profile('work', daysAgo(1)), profile('new', daysAgo(0))]));
    await stored.load();
    older.answer([profile('work', daysAgo(1))]);
    await first;
    expect(stored.names).toEqual(['new', 'work']);
  });

  it('removing a key takes it off the list; a refusal says why and keeps it', async () => {
    let removal: Promise<Result<null>> = Promise.resolve(ok(null));
    const { api } = fakeApi({
      profiles: {
        list: () => Promise.resolve(ok([profile('work', daysAgo(1)), profile('home', daysAgo(1))])),
        remove: () => removal,
      },
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    const stored = new StoredKeys(api);
    await stored.load();
    removal = refused('conflict', 'It is being replaced.');
    expect(await stored.remove('work')).toBe(false);
    expect(stored.removing.error?.message).toBe('It is being replaced.');
    expect(stored.names).toEqual(['home', 'work']);
    removal = Promise.resolve(ok(null));
    expect(await stored.remove('work')).toBe(true);
    expect(stored.names).toEqual(['home']);
  });
});

describe('damaged keychain entries', () => {
  const broken = { name: 'broken', problem: 'the secret is missing' };

  it('are listed beside the keys; removing one takes it off the list', async () => {
    const { api, calls } = fakeApi({
      profiles: {
        list: () => Promise.resolve(ok([profile('work', daysAgo(1))])),
        damaged: () => Promise.resolve(ok([broken])),
        remove: () => Promise.resolve(ok(null)),
      },
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    const stored = new StoredKeys(api);
    await stored.load();
    expect(stored.names).toEqual(['work']);
    expect(stored.damaged).toEqual([broken]);
    expect(await stored.remove('broken')).toBe(true);
    expect(calls.at(-1)).toEqual({ method: 'profiles.remove', input: { name: 'broken' } });
    expect(stored.damaged).toEqual([]);
    expect(stored.names).toEqual(['work']);
  });

  it('a list of them that cannot be read leaves the keys listed', async () => {
    const { api } = fakeApi({
      profiles: {
        list: () => Promise.resolve(ok([profile('work', daysAgo(1))])),
        damaged: () => refused('vault-unavailable', 'Locked.'),
      },
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    const stored = new StoredKeys(api);
    await stored.load();
    expect(stored.names).toEqual(['work']);
    expect(stored.damaged).toEqual([]);
    expect(stored.listing.error).toBeNull();
  });
});

describe('the one “Copied” of the list', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows beside one thing at a time, and fades', () => {
    vi.useFakeTimers();
    const stored = new StoredKeys(fakeApi({}).api);
    stored.markCopied('work:key-id');
    expect(stored.copied).toBe('work:key-id');
    stored.markCopied('home:key-id');
    expect(stored.copied).toBe('home:key-id');
    vi.advanceTimersByTime(2400);
    expect(stored.copied).toBe('home:key-id');
    vi.advanceTimersByTime(200);
    expect(stored.copied).toBeNull();
    stored.markCopied('work:key-id');
    // A secret copied (its countdown is the clipboard timer's) takes the mark away at once.
    stored.markCopied(null);
    expect(stored.copied).toBeNull();
  });
});
