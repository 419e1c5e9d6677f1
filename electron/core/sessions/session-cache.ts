import type { SecretStore } from '../vault/secret-store';
import type { CachedSession } from './session-entry';
import { parseSessionEntry, sessionAccount, sessionAccountPrefix } from './session-entry';

/**
 * STS sessions kept in the OS keychain, one entry per profile, beside the key they were made
 * from: never in a file, so a session is exactly as protected as the key itself.
 */
export class SessionCache {
  readonly #store: SecretStore;

  constructor(store: SecretStore) {
    this.#store = store;
  }

  /** The cached session, or null when there is none (or only a damaged one). */
  async get(profile: string): Promise<CachedSession | null> {
    const document = await this.#store.get(sessionAccount(profile));
    return document === null ? null : parseSessionEntry(document);
  }

  async put(profile: string, session: CachedSession): Promise<void> {
    await this.#store.set(sessionAccount(profile), JSON.stringify(session));
  }

  /** Forgets the profile's session; true when there was one. */
  clear(profile: string): Promise<boolean> {
    return this.#store.delete(sessionAccount(profile));
  }

  /** Forgets every cached session; the profiles that had one. */
  async clearAll(): Promise<string[]> {
    const profiles = (await this.#store.list())
      .filter((account) => account.startsWith(sessionAccountPrefix))
      .map((account) => account.slice(sessionAccountPrefix.length));
    for (const profile of profiles) await this.clear(profile);
    return profiles.sort();
  }
}
