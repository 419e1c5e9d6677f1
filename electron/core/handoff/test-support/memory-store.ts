import type { SecretStore } from '../../vault/secret-store';

/** A keychain stand-in for tests that are about files, not about the keychain. */
export class MemoryStore implements SecretStore {
  readonly backend = 'memory';
  readonly #entries = new Map<string, string>();

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
