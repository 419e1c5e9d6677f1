import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { DamagedEntry, StoredProfile } from '../../../../electron/common/domain';
import { call } from '../api';
import { daysSince } from '../format';
import { Task } from './task.svelte';

/** How long "Copied" stays beside a copied key ID. */
const copiedShownMs = 2500;

/** The keys kept in this computer's keychain by Keyward. Secrets never come to the page. */
export class StoredKeys {
  profiles = $state.raw<StoredProfile[]>([]);
  /** Reading the keychain's list; `error` says why it could not be read. */
  readonly listing = new Task<StoredProfile[]>();
  /** Keychain entries under a key name that cannot be read: shown so they can be removed. */
  damaged = $state.raw<DamagedEntry[]>([]);
  readonly #damagedListing = new Task<DamagedEntry[]>();
  /** Removing a kept key (or a damaged entry) from this computer; `about` is its name. */
  readonly removing = new Task<null, string>();
  staleKeyDays = $state(90);
  /**
   * Which copy button of the list says "Copied" (`<name>:key-id`), if any. The clipboard holds
   * one thing, so the list says "Copied" beside one thing at a time; a copied secret's countdown
   * is the clipboard timer's, and copying a secret clears this mark.
   */
  copied = $state<string | null>(null);
  #copiedFades: ReturnType<typeof setTimeout> | undefined;
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
    const [profiles, damaged, settings] = await Promise.all([
      this.listing.run(() => this.#api.profiles.list()),
      // Why the keychain cannot be read is the list's to say; this list only adds to it.
      this.#damagedListing.run(() => this.#api.profiles.damaged()),
      call(() => this.#api.settings.get()),
    ]);
    if (settings.ok) this.staleKeyDays = settings.value.staleKeyDays;
    if (damaged.ok && damaged.latest) this.damaged = damaged.value;
    if (profiles.ok && profiles.latest) {
      this.profiles = [...profiles.value].sort((a, b) => a.name.localeCompare(b.name));
    }
  };

  /** Says "Copied" beside `which` for a moment (null: beside nothing), and nowhere else. */
  markCopied = (which: string | null): void => {
    clearTimeout(this.#copiedFades);
    this.copied = which;
    if (which !== null) {
      this.#copiedFades = setTimeout(() => {
        this.copied = null;
      }, copiedShownMs);
    }
  };

  /** True when removed; otherwise `removing.error` says why not. */
  remove = async (name: string): Promise<boolean> => {
    const answer = await this.removing.run(() => this.#api.profiles.remove({ name }), {
      about: name,
    });
    if (answer.ok) {
      this.profiles = this.profiles.filter((profile) => profile.name !== name);
      this.damaged = this.damaged.filter((entry) => entry.name !== name);
    }
    return answer.ok;
  };
}

export const [getStoredKeys, setStoredKeys] = createContext<StoredKeys>();
