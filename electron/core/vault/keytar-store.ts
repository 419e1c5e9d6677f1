import { createRequire } from 'node:module';
import { keychainService } from './secret-store';
import type { SecretStore } from './secret-store';
import { VaultError, classifyVaultFailure } from './vault-problem';

type Keytar = typeof import('keytar');

export interface KeytarStoreOptions {
  os: NodeJS.Platform;
  service?: string;
  /** A keychain prompt left unanswered must not freeze Keyward. */
  timeoutMs?: number;
}

/** The OS keychain through keytar: macOS Keychain, Windows Credential Manager, Secret Service. */
export class KeytarStore implements SecretStore {
  readonly backend: string;
  readonly #service: string;
  readonly #os: NodeJS.Platform;
  readonly #timeoutMs: number;
  #keytar: Keytar | undefined;

  constructor(options: KeytarStoreOptions) {
    this.#os = options.os;
    this.#service = options.service ?? keychainService;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.backend = backendName(options.os);
  }

  get service(): string {
    return this.#service;
  }

  get(account: string): Promise<string | null> {
    return this.#call((k) => k.getPassword(this.#service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.#call((k) => k.setPassword(this.#service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#call((k) => k.deletePassword(this.#service, account));
  }

  async list(): Promise<string[]> {
    // Listing reads every entry, and GNOME Keyring can still list an item deleted a moment ago
    // ("No such secret item"): such a race is asked again rather than reported as a broken keyring.
    for (let attempt = 1; ; attempt++) {
      try {
        const entries = await this.#call((k) => k.findCredentials(this.#service));
        return entries.map((entry) => entry.account);
      } catch (error) {
        if (attempt >= 3 || !isDeletedItemRace(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
  }

  async #call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = this.#load();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new VaultError('timeout', this.#os));
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([operation(keytar), timeout]);
    } catch (error) {
      if (error instanceof VaultError) throw error;
      throw new VaultError(classifyVaultFailure(error), this.#os, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  #load(): Keytar {
    if (this.#keytar) return this.#keytar;
    try {
      // keytar is a native CommonJS module; loading it lazily lets Keyward start, and explain
      // the problem, even when the module is missing or built for another runtime.
      this.#keytar = createRequire(import.meta.url)('keytar') as Keytar;
      return this.#keytar;
    } catch (error) {
      throw new VaultError('not-installed', this.#os, { cause: error });
    }
  }
}

function isDeletedItemRace(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && /No such secret item/i.test(cause.message);
}

function backendName(os: NodeJS.Platform): string {
  if (os === 'darwin') return 'macOS Keychain';
  if (os === 'win32') return 'Windows Credential Manager';
  return 'GNOME Keyring or KWallet';
}
