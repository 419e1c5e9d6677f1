// The IAM console's own key download (`<user>_accessKeys.csv`) taken into the keychain, as plain
// data for both doors. None of these carries the secret: it stays in main.
import type { OpenedHandoffFile, StoredProfile } from './domain';

/** A console download opened and checked for shape, held in main under `token`. */
export interface ConsoleCsvOpened {
  token: string;
  fileName: string;
  /** Where the file is, when Keyward knows (not for a file dropped from elsewhere). */
  folder: string | null;
  accessKeyId: string;
  /** A free key name made from the user name in the file name ("alice_accessKeys.csv"). */
  suggestedName: string;
  /** The name this key is already kept under here, if it is. */
  keptAs: string | null;
}

export interface ConsoleCsvKept {
  profile: StoredProfile;
  /** Who AWS says the key belongs to. */
  arn: string;
  /** Whether Keyward knows where the plaintext file is, so it can delete it. */
  canDelete: boolean;
  /** What deleting the plaintext file cannot reach (backups, Trash, synced copies). */
  deletionLimits: string;
}

/** A console download found in the Downloads folder at start: where it is, nothing inside. */
export interface ConsoleCsvOffer {
  id: string;
  fileName: string;
  folder: string;
}

/** What Receive opened: one of Keyward's key files, or the console's plaintext download. */
export type ReceivedFile =
  { kind: 'key-file'; file: OpenedHandoffFile } | { kind: 'console-csv'; file: ConsoleCsvOpened };
