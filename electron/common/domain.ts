export interface About {
  name: string;
  version: string;
  /** Node's platform name: 'darwin', 'win32', 'linux', … */
  platform: string;
}

/** Why the OS keychain cannot be used. Each has its own explanation and fix. */
export type VaultProblem =
  | 'no-session-bus'
  | 'no-secret-service'
  | 'locked'
  | 'refused'
  | 'timeout'
  | 'not-installed'
  | 'unknown';

export type VaultStatus =
  | { state: 'ready'; backend: string }
  | { state: 'unavailable'; problem: VaultProblem; message: string; hint: string };
