import { ProfileStore } from '../vault/profile-store';
import type { SecretStore } from '../vault/secret-store';

/**
 * The two keychain entries a rotation uses beside the profile's own: the new key until it is
 * proven and switched to ("staged"), and the old key after the switch until the rotation ends
 * ("kept", so it can be rolled back). They live under their own prefixes, so they never show up
 * as stored profiles, and they use ProfileStore's validation and size limit.
 */
export class SpareKeys {
  readonly staged: ProfileStore;
  readonly kept: ProfileStore;

  constructor(store: SecretStore) {
    this.staged = new ProfileStore(prefixed(store, 'rotation-new:'));
    this.kept = new ProfileStore(prefixed(store, 'rotation-old:'));
  }
}

function prefixed(store: SecretStore, prefix: string): SecretStore {
  return {
    backend: store.backend,
    get: (account) => store.get(prefix + account),
    set: (account, secret) => store.set(prefix + account, secret),
    delete: (account) => store.delete(prefix + account),
    list: async () =>
      (await store.list())
        .filter((account) => account.startsWith(prefix))
        .map((account) => account.slice(prefix.length)),
  };
}
