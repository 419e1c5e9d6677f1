import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { settings } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { TouchIdSetting, keychainProtection } from './key-protection.svelte';

function settingWith(stored: Settings, update?: (input: unknown) => Promise<Result<Settings>>) {
  const { api, calls } = fakeApi({
    settings: {
      get: () => Promise.resolve(ok(stored)),
      ...(update && { update }),
    },
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  return { touchId: new TouchIdSetting(api, announcer), calls, said };
}

describe('what protects stored keys, in Settings', () => {
  it('names the keychain of each system and how it is unlocked', () => {
    expect(keychainProtection('darwin')).toBe(
      'Your stored keys are in your login keychain, which opens with your Mac login password.',
    );
    expect(keychainProtection('win32')).toBe(
      'Your stored keys are in Windows Credential Manager, unlocked with your Windows sign-in.',
    );
    expect(keychainProtection('linux')).toBe(
      'Your stored keys are in the Secret Service keyring (GNOME Keyring or KWallet), locked with your login password.',
    );
  });
});

describe('asking for Touch ID', () => {
  it('is on until it is turned off (settings saved before it existed say nothing)', async () => {
    const { touchId } = settingWith(settings);
    await touchId.load();
    expect(touchId.ask).toBe(true);
  });

  it('turns off and on, saying so', async () => {
    const { touchId, calls, said } = settingWith(settings, (input) =>
      Promise.resolve(ok({ ...settings, ...(input as Partial<Settings>) })),
    );
    await touchId.load();
    await touchId.set(false);
    expect(calls.at(-1)).toEqual({ method: 'settings.update', input: { askTouchId: false } });
    expect(touchId.ask).toBe(false);
    expect(said).toHaveBeenLastCalledWith(
      'Keyward no longer asks for Touch ID. The keychain still protects your keys.',
    );
    await touchId.set(true);
    expect(touchId.ask).toBe(true);
    expect(said).toHaveBeenLastCalledWith(
      'Keyward asks for Touch ID before a stored key’s secret leaves the keychain.',
    );
  });

  it('stays as it was when saving fails, and says why', async () => {
    const { touchId } = settingWith({ ...settings, askTouchId: true }, () =>
      refused('invalid-input', 'The settings file could not be written.'),
    );
    await touchId.load();
    await touchId.set(false);
    expect(touchId.ask).toBe(true);
    expect(touchId.saving.error?.message).toBe('The settings file could not be written.');
  });
});
