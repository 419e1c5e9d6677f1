import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { About, Settings, VaultStatus } from '../../../../electron/common/domain';
import { call } from '../api';
import { Task } from './task.svelte';

/** Who we are and whether the keychain can keep keys: nothing else works without it. */
export class AppStatus {
  about = $state.raw<About | null>(null);
  /** Asking main about the keychain; `value` is its answer, kept while it is asked again. */
  readonly keychain = new Task<VaultStatus>();
  /** The test server Keyward talks to instead of AWS, if Settings names one. */
  endpoint = $state<string | null>(null);
  /** "I manage keys for other people", as Settings remembers it: the Admin section is shown. */
  managesOthers = $state(false);
  /** Saving that answer; `error` says why it was not saved. */
  readonly choosingAdmin = new Task<Settings>();
  readonly #api: KeywardApi;

  constructor(api: KeywardApi) {
    this.#api = api;
  }

  /** The keychain answered and works. */
  readonly ready = $derived(this.keychain.value?.state === 'ready');
  /** The keychain answered and does not work (or the check itself failed). */
  readonly trouble = $derived(
    !this.keychain.busy &&
      (this.keychain.value?.state === 'unavailable' || this.keychain.error !== null),
  );

  load = async (): Promise<void> => {
    const about = await call(() => this.#api.app.about());
    if (about.ok) this.about = about.value;
    const settings = await call(() => this.#api.settings.get());
    if (settings.ok) {
      this.endpoint = settings.value.endpoint;
      this.managesOthers = settings.value.managesOthersKeys ?? false;
    }
    await this.checkVault();
  };

  /** Shows (or hides) the Admin section, and remembers it. True once saved. */
  setManagesOthers = async (on: boolean): Promise<boolean> => {
    const answer = await this.choosingAdmin.run(() =>
      this.#api.settings.update({ managesOthersKeys: on }),
    );
    if (answer.ok) this.managesOthers = answer.value.managesOthersKeys ?? false;
    return answer.ok;
  };

  checkVault = async (): Promise<void> => {
    await this.keychain.run(() => this.#api.vault.status());
  };
}

export const [getAppStatus, setAppStatus] = createContext<AppStatus>();
