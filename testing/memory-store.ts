import type { SecretStore } from '../electron/core/vault/secret-store';

/**
 * A keychain stand-in held in memory, for tests about files rather than the keychain and for the
 * benchmark on machines without one. Never used by the app itself.
 */
export class MemoryStore implements SecretStore {
  readonly backend: string;
  readonly #entries = new Map<string, string>();

  constructor(backend = 'memory') {
    this.backend = backend;
  }

  get(account: string): Promise<string | null> {
    return Promise.resolve(this.#entries.get(account) ?? null);
  }

  set(account: string, secret: string): Promise<void> {
    this.#entries.set(account, secret);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.#entries.delete(account));
  }

  list(): Promise<string[]> {
    return Promise.resolve([...this.#entries.keys()]);
  }
}
