import type { About, VaultStatus } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';

/** What the first screen shows: who we are and whether the keychain can keep keys. */
export class AppStatus {
  about = $state.raw<About | undefined>(undefined);
  vault = $state.raw<VaultStatus | undefined>(undefined);
  error = $state.raw<BridgeError | undefined>(undefined);
  checking = $state(false);

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
