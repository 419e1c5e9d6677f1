// Moving a plaintext key from the AWS CLI's shared files into the keychain, as plain data: the
// window lists and imports through the bridge, the command line prints the same.
import type { StoredProfile } from './domain';

/** A profile of the AWS files that holds a key in plain text, described without its secret. */
export interface PlaintextProfile {
  /** The AWS profile's name: the key is kept under the same name, so the profile keeps working. */
  profile: string;
  /** Null when the lines are too broken to tell. */
  accessKeyId: string | null;
  /** The file holding it. */
  file: string;
  /** Why it cannot be moved as it is (temporary credentials, a mistyped key…), or null. */
  problem: { message: string; hint: string } | null;
}

export interface PlaintextImportResult {
  profile: StoredProfile;
  /** Who AWS says the key belongs to. */
  arn: string;
  configFile: string;
  /** The file the plaintext lines were removed from. */
  removedFrom: string;
  /** Backups written (each free of the moved secret). */
  backups: string[];
}
