import type { KeywardApi } from '../../../../electron/common/bridge';
import type { Settings } from '../../../../electron/common/domain';
import { call } from '../api';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

/** What keeps stored keys safe on this system (Node's platform name), in a sentence. */
export function keychainProtection(platform: string): string {
  if (platform === 'darwin') {
    return 'Your stored keys are in your login keychain, which opens with your Mac login password.';
  }
  if (platform === 'win32') {
    return 'Your stored keys are in Windows Credential Manager, unlocked with your Windows sign-in.';
  }
  return 'Your stored keys are in the Secret Service keyring (GNOME Keyring or KWallet), locked with your login password.';
}

/**
 * Settings' "Ask for Touch ID", shown only where Touch ID is available. Saved as soon as it is
 * changed, on its own: the rest of Settings waits for "Save settings".
 */
export class TouchIdSetting {
  /** Settings without the choice (written before it existed) mean "ask". */
  ask = $state(true);
  readonly saving = new Task<Settings>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  load = async (): Promise<void> => {
    const answer = await call(() => this.#api.settings.get());
    if (answer.ok) this.ask = answer.value.askTouchId !== false;
  };

  set = async (ask: boolean): Promise<void> => {
    const answer = await this.saving.run(() => this.#api.settings.update({ askTouchId: ask }));
    if (!answer.ok || !answer.latest) return;
    this.ask = answer.value.askTouchId !== false;
    this.#announcer.say(
      this.ask
        ? 'Keyward asks for Touch ID before a stored key’s secret leaves the keychain.'
        : 'Keyward no longer asks for Touch ID. The keychain still protects your keys.',
    );
  };
}
