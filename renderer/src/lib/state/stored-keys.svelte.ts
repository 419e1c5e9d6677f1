import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { StoredProfile } from '../../../../electron/common/domain';
import { call } from '../api';
import { daysSince } from '../format';
import { Task } from './task.svelte';

/** The keys kept in this computer's keychain by Keyward. Secrets never come to the page. */
export class StoredKeys {
  profiles = $state.raw<StoredProfile[]>([]);
  /** Reading the keychain's list; `error` says why it could not be read. */
  readonly listing = new Task<StoredProfile[]>();
  /** Removing a kept key from this computer; `about` is its name. */
  readonly removing = new Task<null, string>();
  staleKeyDays = $state(90);
  readonly #api: KeywardApi;

  constructor(api: KeywardApi) {
    this.#api = api;
  }

  /** The list was read at least once. */
  readonly loaded = $derived(this.listing.value !== null);
  readonly names = $derived(this.profiles.map((profile) => profile.name));
  readonly staleCount = $derived(this.profiles.filter((profile) => this.isStale(profile)).length);

  isStale = (profile: StoredProfile): boolean => daysSince(profile.created) >= this.staleKeyDays;

  load = async (): Promise<void> => {
    const [profiles, settings] = await Promise.all([
      this.listing.run(() => this.#api.profiles.list()),
      call(() => this.#api.settings.get()),
    ]);
    if (settings.ok) this.staleKeyDays = settings.value.staleKeyDays;
    if (profiles.ok && profiles.latest) {
      this.profiles = [...profiles.value].sort((a, b) => a.name.localeCompare(b.name));
    }
  };

  /** True when removed; otherwise `removing.error` says why not. */
  remove = async (name: string): Promise<boolean> => {
    const answer = await this.removing.run(() => this.#api.profiles.remove({ name }), {
      about: name,
    });
    if (answer.ok) this.profiles = this.profiles.filter((profile) => profile.name !== name);
    return answer.ok;
  };
}

export const [getStoredKeys, setStoredKeys] = createContext<StoredKeys>();
