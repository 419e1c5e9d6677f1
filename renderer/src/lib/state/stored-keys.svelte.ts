import { createContext } from 'svelte';
import type { StoredProfile } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import type { Result } from '../../../../electron/common/result';
import { api, call } from '../api';
import { daysSince } from '../format';

/** The keys kept in this computer's keychain by Keyward. Secrets never come to the page. */
export class StoredKeys {
  profiles = $state.raw<StoredProfile[]>([]);
  loaded = $state(false);
  loading = $state(false);
  error = $state.raw<BridgeError | null>(null);
  staleKeyDays = $state(90);

  readonly names = $derived(this.profiles.map((profile) => profile.name));
  readonly staleCount = $derived(this.profiles.filter((profile) => this.isStale(profile)).length);

  isStale = (profile: StoredProfile): boolean => daysSince(profile.created) >= this.staleKeyDays;

  load = async (): Promise<void> => {
    this.loading = true;
    this.error = null;
    const [profiles, settings] = await Promise.all([
      call(() => api.profiles.list()),
      call(() => api.settings.get()),
    ]);
    this.loading = false;
    if (settings.ok) this.staleKeyDays = settings.value.staleKeyDays;
    if (profiles.ok) {
      this.profiles = [...profiles.value].sort((a, b) => a.name.localeCompare(b.name));
      this.loaded = true;
    } else {
      this.error = profiles.error;
    }
  };

  remove = async (name: string): Promise<Result<null>> => {
    const answer = await call(() => api.profiles.remove({ name }));
    if (answer.ok) this.profiles = this.profiles.filter((profile) => profile.name !== name);
    return answer;
  };
}

export const [getStoredKeys, setStoredKeys] = createContext<StoredKeys>();
