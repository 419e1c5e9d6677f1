import { describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../../../electron/common/desktop';
import type { Settings } from '../../../../electron/common/domain';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { DesktopSettings, updateStateText } from './desktop-settings.svelte';

const saved: Settings = {
  region: 'us-east-1',
  endpoint: null,
  clipboardSeconds: 30,
  staleKeyDays: 90,
};

function desktopWith(update: UpdateState = { kind: 'idle' }) {
  let settings = { ...saved };
  const { api, calls } = fakeApi({
    settings: {
      get: () => Promise.resolve(ok(settings)),
      update: (change) => {
        settings = { ...settings, ...change };
        return Promise.resolve(ok(settings));
      },
    },
    updates: {
      state: () => Promise.resolve(ok(update)),
      restart: () => refused('conflict', 'Keyward will not restart now: a key is being replaced.'),
    },
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  return { desktop: new DesktopSettings(api, announcer), calls, said };
}

describe('Settings → This computer', () => {
  it('starts from the defaults: no tray, no start at login, updates on, every notification', async () => {
    const { desktop } = desktopWith();
    await desktop.load();
    expect(desktop).toMatchObject({
      keepInTray: false,
      startAtLogin: false,
      autoUpdates: true,
      noticesOff: [],
    });
  });

  it('saves a switch when changed and says what it now does', async () => {
    const { desktop, calls, said } = desktopWith();
    await desktop.load();
    await desktop.set('startAtLogin', true);

    expect(desktop.startAtLogin).toBe(true);
    expect(calls).toContainEqual({ method: 'settings.update', input: { startAtLogin: true } });
    expect(said).toHaveBeenCalledWith('Keyward starts when you log in, with its window closed.');
  });

  it('turns one kind of notification off and keeps the others', async () => {
    const { desktop, calls } = desktopWith();
    await desktop.load();
    await desktop.setNotice('lost-key', false);
    await desktop.setNotice('key-age', false);
    await desktop.setNotice('lost-key', true);

    expect(desktop.noticesOff).toEqual(['key-age']);
    expect(
      calls.filter((call) => call.method === 'settings.update').map((call) => call.input),
    ).toEqual([
      { noticesOff: ['lost-key'] },
      { noticesOff: ['key-age', 'lost-key'] },
      { noticesOff: ['key-age'] },
    ]);
  });

  it('shows why a restart into a ready update was refused', async () => {
    const { desktop } = desktopWith({ kind: 'ready', version: '1.5.0' });
    await desktop.load();
    expect(updateStateText(desktop.update)).toBe(
      'Keyward 1.5.0 is downloaded and checked. Restart Keyward to use it.',
    );
    await desktop.restart();
    expect(desktop.restarting.error?.message).toBe(
      'Keyward will not restart now: a key is being replaced.',
    );
  });

  it('says when IT turned updates off, not the person', () => {
    expect(updateStateText({ kind: 'off', by: 'policy' })).toBe(
      'Automatic updates are turned off by your organisation.',
    );
    expect(updateStateText({ kind: 'off', by: 'setting' })).toBe('Automatic updates are off.');
  });
});
