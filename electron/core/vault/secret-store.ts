/**
 * The OS keychain, reduced to what Keyward needs. keytar is archived upstream; keeping it behind
 * this interface means another backend replaces it in one file.
 */
export interface SecretStore {
  /** A human name for the backend, e.g. "GNOME Keyring (Secret Service)". */
  readonly backend: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  list(): Promise<string[]>;
}

/** The keychain service name every Keyward entry lives under. */
export const keychainService = 'Keyward';
