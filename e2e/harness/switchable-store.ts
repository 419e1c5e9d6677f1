import type { VaultProblem } from '../../electron/common/domain';
import type { SecretStore } from '../../electron/core/vault/secret-store';
import { VaultError } from '../../electron/core/vault/vault-problem';

/**
 * The real keychain, made to fail on demand the way a missing or locked one does, so the
 * keychain-trouble screen and its "Try again" are tested against the real status check.
 */
export class SwitchableStore implements SecretStore {
  readonly #inner: SecretStore;
  readonly #os: NodeJS.Platform;
  #problem: VaultProblem | null = null;

  constructor(inner: SecretStore, os: NodeJS.Platform) {
    this.#inner = inner;
    this.#os = os;
  }

  get backend(): string {
    return this.#inner.backend;
  }

  /** From now on every call fails as the OS keychain does with this problem. */
  break(problem: VaultProblem): void {
    this.#problem = problem;
  }

  repair(): void {
    this.#problem = null;
  }

  get(account: string): Promise<string | null> {
    return this.#failing() ?? this.#inner.get(account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.#failing() ?? this.#inner.set(account, secret);
  }

  delete(account: string): Promise<boolean> {
    return this.#failing() ?? this.#inner.delete(account);
  }

  list(): Promise<string[]> {
    return this.#failing() ?? this.#inner.list();
  }

  #failing(): Promise<never> | null {
    return this.#problem ? Promise.reject(new VaultError(this.#problem, this.#os)) : null;
  }
}
