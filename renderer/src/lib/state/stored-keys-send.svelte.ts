import type { KeywardApi } from '../../../../electron/common/bridge';
import type { SavedHandoff } from '../../../../electron/common/domain';
import { Task } from './task.svelte';

/** How the key file for the other computer is locked. */
export type SendWay = 'code' | 'passphrase';

/**
 * "Send to my other computer…" for one kept key: the person chooses how the key file is locked
 * (the other computer's receiving code, or a passphrase Keyward makes up and shows once), then
 * where it goes. Main seals it; the secret never comes to the page.
 */
export class KeySending {
  way = $state<SendWay>('code');
  code = $state('');
  /** Sealing and saving; `value` is where it went (and the passphrase, shown once). */
  readonly sending = new Task<SavedHandoff | null>();
  /** The key file was saved (null until then, and again after `reset`). */
  saved = $state.raw<SavedHandoff | null>(null);
  readonly #api: KeywardApi;
  readonly #name: string;

  constructor(api: KeywardApi, name: string) {
    this.#api = api;
    this.#name = name;
  }

  /** Asks main to seal the key and save it where the person chooses; true once it is saved. */
  send = async (): Promise<boolean> => {
    const name = this.#name;
    const lock =
      this.way === 'code'
        ? { kind: 'recipients' as const, codes: [this.code.trim()] }
        : { kind: 'passphrase' as const, passphrase: null };
    const answer = await this.sending.run(() => this.#api.profiles.send({ name, lock }));
    if (!answer.ok || !answer.latest || answer.value === null) return false;
    this.saved = answer.value;
    return true;
  };

  reset = (): void => {
    this.sending.reset();
    this.saved = null;
    this.code = '';
    this.way = 'code';
  };
}
