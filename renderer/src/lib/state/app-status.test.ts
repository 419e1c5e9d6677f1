import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import type { FakeMethods } from '../../../../testing/renderer/fake-api';
import { AppStatus } from './app-status.svelte';

const about = { name: 'Keyward', version: '1.2.3', platform: 'linux' };
const ready: VaultStatus = { state: 'ready', backend: 'GNOME Keyring' };
const locked: VaultStatus = {
  state: 'unavailable',
  problem: 'locked',
  message: 'The keychain is locked.',
  hint: 'Unlock it, then try again.',
};

/** The status as the window loads it, with this keychain answer (and any other answers given). */
async function loadedWith(vault: VaultStatus, more: FakeMethods = {}): Promise<AppStatus> {
  const { api } = fakeApi({
    app: { about: () => Promise.resolve(ok(about)) },
    vault: { status: () => Promise.resolve(ok(vault)) },
    ...more,
  });
  const status = new AppStatus(api);
  await status.load();
  return status;
}

describe('whether the keychain can keep keys', () => {
  it('is ready when the keychain works, and knows the version for the sidebar', async () => {
    const status = await loadedWith(ready);
    expect(status.about?.version).toBe('1.2.3');
    expect(status.ready).toBe(true);
    expect(status.trouble).toBe(false);
  });

  it('knows the test server Keyward talks to instead of AWS, for the banner on every screen', async () => {
    const settings = {
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      clipboardSeconds: 30,
      staleKeyDays: 90,
    };
    const status = await loadedWith(ready, {
      settings: { get: () => Promise.resolve(ok(settings)) },
    });
    expect(status.endpoint).toBe('http://127.0.0.1:4566');
  });

  it('shows the trouble page when the keychain is locked, with main’s words', async () => {
    const status = await loadedWith(locked);
    expect(status.trouble).toBe(true);
    expect(status.keychain.value).toMatchObject({ message: 'The keychain is locked.' });
  });

  it('shows the trouble page when the check itself fails', async () => {
    const { api } = fakeApi({
      vault: { status: () => refused('internal') },
    });
    const status = new AppStatus(api);
    await status.checkVault();
    expect(status.ready).toBe(false);
    expect(status.trouble).toBe(true);
    expect(status.keychain.error?.code).toBe('internal');
  });

  it('“Try again” keeps the page steady while it checks, then opens up once it works', async () => {
    let answer: Promise<Result<VaultStatus>> = Promise.resolve(ok(locked));
    const { api } = fakeApi({ vault: { status: () => answer } });
    const status = new AppStatus(api);
    await status.checkVault();
    const retry = later<VaultStatus>();
    answer = retry.promise;
    const checking = status.checkVault();
    expect(status.keychain.busy).toBe(true);
    expect(status.trouble).toBe(false);
    expect(status.keychain.value).toBe(locked);
    retry.answer(ready);
    await checking;
    expect(status.ready).toBe(true);
    expect(status.trouble).toBe(false);
  });
});

describe('the Admin section', () => {
  const settings = { region: 'us-east-1', endpoint: null, clipboardSeconds: 30, staleKeyDays: 90 };

  it('is hidden until the person says they manage keys for other people, and Settings keeps it', async () => {
    let saved: typeof settings & { managesOthersKeys?: boolean } = settings;
    const { api, calls } = fakeApi({
      app: { about: () => Promise.resolve(ok(about)) },
      vault: { status: () => Promise.resolve(ok(ready)) },
      settings: {
        get: () => Promise.resolve(ok(saved)),
        update: (change) => {
          saved = { ...saved, ...change } as typeof saved;
          return Promise.resolve(ok(saved));
        },
      },
    });
    const status = new AppStatus(api);
    await status.load();
    expect(status.managesOthers).toBe(false);
    expect(await status.setManagesOthers(true)).toBe(true);
    expect(status.managesOthers).toBe(true);
    expect(calls.at(-1)).toMatchObject({ input: { managesOthersKeys: true } });

    const again = new AppStatus(api);
    await again.load();
    expect(again.managesOthers).toBe(true);
    await again.setManagesOthers(false);
    expect(again.managesOthers).toBe(false);
  });

  it('stays as it was, with main’s words, when the answer cannot be saved', async () => {
    const { api } = fakeApi({
      settings: { update: () => refused('internal', 'The settings file cannot be written.') },
    });
    const status = new AppStatus(api);
    expect(await status.setManagesOthers(true)).toBe(false);
    expect(status.managesOthers).toBe(false);
    expect(status.choosingAdmin.error?.message).toBe('The settings file cannot be written.');
  });
});
