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
    const entries = await this.#call((k) => k.findCredentials(this.#service));
    return entries.map((entry) => entry.account);
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

function backendName(os: NodeJS.Platform): string {
  if (os === 'darwin') return 'macOS Keychain';
  if (os === 'win32') return 'Windows Credential Manager';
  return 'GNOME Keyring or KWallet';
}
