/**
 * One word for each thing Keyward talks about. Screens say these words and no synonyms, so a
 * person who learnt a word on one screen recognises it on the next. CLI messages use the same
 * words where the two overlap (see `electron/cli/command-words.ts`).
 *
 * Chosen against what people meet elsewhere: the IAM console says "access key", "Active",
 * "Inactive", "Deactivate"; AWS's own instructions say "Download .csv file". Keyward keeps the
 * console's words for states and actions an admin will also see there, and plain words for the
 * things only Keyward has (key file, receiving code).
 */
export const term = {
  /** An IAM access key: the key ID and its secret. Never "credentials" or "access key pair". */
  key: 'key',
  keys: 'keys',
  keyId: 'key ID',
  secret: 'secret',
  /** The OS's password store (macOS Keychain, Windows Credential Manager, GNOME Keyring…). */
  keychain: 'keychain',
  /**
   * The name a kept key goes by: what the AWS command line calls a profile. People type it in
   * `--profile`, so the CLI still says "profile"; the window says "key name".
   */
  keyName: 'key name',
  /** An encrypted file that carries a key to someone (age-sealed or passphrase). Never "hand-off file". */
  keyFile: 'key file',
  keyFiles: 'key files',
  /** The `age1…` recipient a person gives an admin so a key file opens only on their computer. */
  receivingCode: 'receiving code',
  /** A passphrase that opens a key file made without a receiving code. */
  passphrase: 'passphrase',
  /** The IAM console's own download (`<user>_accessKeys.csv`): plain text, not encrypted. */
  consoleCsv: 'key download from the AWS console',
  /** IAM's statuses and the actions between them, as the console names them. */
  active: 'Active',
  inactive: 'Inactive',
  deactivate: 'Deactivate',
  activate: 'Activate',
  /** Replacing a key with a new one and deleting the old: never "rotate" in the window. */
  replace: 'Replace',
  /** A key kept in the keychain whose entry cannot be read. */
  damaged: 'damaged',
  /** The list of what Keyward did (the activity log). */
  history: 'History',
  /** The places only admins need: people's keys, audit, AWS sign-in. */
  adminSection: 'Admin',
} as const;
