import { AppError } from './errors';
import type { Handlers } from './ipc/dispatch';
import type { Platform } from './platform';
import { isAllowedExternalUrl } from './security/external-links';
import type { SecretStore } from './vault/secret-store';
import { checkVault } from './vault/vault-status';

/** Everything the handlers stand on; main builds it with Electron, tests with plain Node. */
export interface Services {
  platform: Platform;
  secretStore: SecretStore;
  appVersion: string;
}

/** One handler per contract method: the type makes a missing or misspelt one a compile error. */
export function createHandlers(services: Services): Handlers {
  const { platform, secretStore, appVersion } = services;
  return {
    'app.about': () =>
      Promise.resolve({ name: 'Keyward', version: appVersion, platform: platform.os }),
    'vault.status': () => checkVault(secretStore, platform.os),
    'links.open': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError(
          'invalid-input',
          'Keyward only opens links to AWS’s own website.',
          'Copy the address and open it in your browser yourself if you trust it.',
        );
      }
      await platform.openExternal(url);
      return null;
    },
  };
}
