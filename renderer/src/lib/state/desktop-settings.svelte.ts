import type { NoticeKind, UpdateState } from '../../../../electron/common/desktop';
import { noticeKinds } from '../../../../electron/common/desktop';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { Settings } from '../../../../electron/common/domain';
import { call } from '../api';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

type Switch = 'keepInTray' | 'startAtLogin' | 'autoUpdates';

/** What each switch says once changed, for people who cannot see the box tick. */
const said: Record<Switch, [on: string, off: string]> = {
  keepInTray: [
    'Keyward keeps running in the tray when you close its window.',
    'Closing the window quits Keyward.',
  ],
  startAtLogin: [
    'Keyward starts when you log in, with its window closed.',
    'Keyward no longer starts when you log in.',
  ],
  autoUpdates: ['Keyward looks for updates by itself.', 'Keyward no longer looks for updates.'],
};

/**
 * Settings → This computer: notifications, tray, start at login and updates. Each switch is saved
 * when changed (as the Touch ID one), and the update state comes from main.
 */
export class DesktopSettings {
  keepInTray = $state(false);
  startAtLogin = $state(false);
  autoUpdates = $state(true);
  noticesOff = $state<NoticeKind[]>([]);
  update = $state<UpdateState>({ kind: 'idle' });
  readonly saving = new Task<Settings>();
  readonly restarting = new Task<null>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  load = async (): Promise<void> => {
    const [settings, update] = await Promise.all([
      call(() => this.#api.settings.get()),
      call(() => this.#api.updates.state()),
    ]);
    if (settings.ok) this.#take(settings.value);
    if (update.ok) this.update = update.value;
  };

  set = async (name: Switch, on: boolean): Promise<void> => {
    const answer = await this.saving.run(() => this.#api.settings.update({ [name]: on }));
    if (!answer.ok || !answer.latest) return;
    this.#take(answer.value);
    const [whenOn, whenOff] = said[name];
    this.#announcer.say(this[name] ? whenOn : whenOff);
    if (name === 'autoUpdates') await this.refreshUpdate();
  };

  /** Turns one kind of notification on or off, keeping the others as they are. */
  setNotice = async (kind: NoticeKind, on: boolean): Promise<void> => {
    const off = noticeKinds.filter((each) =>
      each === kind ? !on : this.noticesOff.includes(each),
    );
    const answer = await this.saving.run(() => this.#api.settings.update({ noticesOff: off }));
    if (!answer.ok || !answer.latest) return;
    this.#take(answer.value);
  };

  refreshUpdate = async (): Promise<void> => {
    const answer = await call(() => this.#api.updates.state());
    if (answer.ok) this.update = answer.value;
  };

  restart = async (): Promise<void> => {
    await this.restarting.run(() => this.#api.updates.restart());
  };

  #take(settings: Settings): void {
    this.keepInTray = settings.keepInTray === true;
    this.startAtLogin = settings.startAtLogin === true;
    this.autoUpdates = settings.autoUpdates !== false;
    this.noticesOff = settings.noticesOff ?? [];
  }
}

/** The update state in plain words, for Settings. */
export function updateStateText(state: UpdateState): string {
  switch (state.kind) {
    case 'off':
      return state.by === 'setting'
        ? 'Automatic updates are off.'
        : 'Automatic updates are turned off by your organisation.';
    case 'unavailable':
      return 'This copy of Keyward does not update itself (it was not installed from an installer).';
    case 'idle':
      return 'Keyward looks for updates when it starts and once a day.';
    case 'checking':
      return 'Looking for an update…';
    case 'downloading':
      return `Downloading Keyward ${state.version} in the background…`;
    case 'up-to-date':
      return 'Keyward is up to date.';
    case 'ready':
      return `Keyward ${state.version} is downloaded and checked. Restart Keyward to use it.`;
  }
}
