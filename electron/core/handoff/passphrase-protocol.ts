/**
 * The whole conversation with the passphrase worker: one job in, one answer out, then the worker
 * is terminated. `data` is a binary (unarmored) age file or the plaintext; its buffer is
 * transferred, not copied, in both directions.
 */
export interface PassphraseJob {
  op: 'encrypt' | 'decrypt';
  passphrase: string;
  data: Uint8Array;
}

/**
 * `no-match`: the passphrase does not unwrap the file key. `rejected`: it does, but the header MAC
 * or the payload fails authentication (the file was changed or cut short), or it is malformed.
 * `weak`: asked to encrypt with a passphrase that fails the strength check, in its words.
 */
export type PassphraseAnswer =
  | { ok: true; data: Uint8Array }
  | { ok: false; failure: 'no-match' | 'rejected' }
  | { ok: false; failure: 'weak'; message: string; hint: string };
