import { createContext } from 'svelte';
import type { About, VaultStatus } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';

/** Who we are and whether the keychain can keep keys: nothing else works without it. */
export class AppStatus {
  about = $state.raw<About | undefined>(undefined);
  vault = $state.raw<VaultStatus | undefined>(undefined);
  error = $state.raw<BridgeError | undefined>(undefined);
  checking = $state(false);

  /** The keychain answered and works. */
  readonly ready = $derived(this.vault?.state === 'ready');
  /** The keychain answered and does not work (or the check itself failed). */
  readonly trouble = $derived(
    !this.checking && (this.vault?.state === 'unavailable' || this.error !== undefined),
  );

  load = async (): Promise<void> => {
    const about = await call(() => api.app.about());
    if (about.ok) this.about = about.value;
    await this.checkVault();
  };

  checkVault = async (): Promise<void> => {
    this.checking = true;
    this.error = undefined;
    const result = await call(() => api.vault.status());
    if (result.ok) this.vault = result.value;
    else this.error = result.error;
    this.checking = false;
  };
}

export const [getAppStatus, setAppStatus] = createContext<AppStatus>();
