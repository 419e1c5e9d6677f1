// What offboarding a person did, as plain data: it crosses the bridge to the window as it is,
// and the command line prints it.
import type { BridgeError } from './errors';

export type OffboardMode = 'deactivate' | 'delete';

/** One key of the person: done, left as it was (already inactive), or failed and why. */
export type OffboardedKey =
  | { accessKeyId: string; signedInKey: boolean; outcome: 'done' | 'unchanged' }
  | { accessKeyId: string; signedInKey: boolean; outcome: 'failed'; error: BridgeError };

export interface OffboardResult {
  userName: string;
  mode: OffboardMode;
  /** In the order they were acted on: the key Keyward is signed in with comes last. */
  keys: OffboardedKey[];
  /** The key Keyward was signed in with was deactivated or deleted: that sign-in no longer works. */
  lockedOut: boolean;
}
