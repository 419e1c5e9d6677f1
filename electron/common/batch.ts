// Creating keys for many people at once: what is asked and what comes back, as plain data that
// crosses the bridge as it is.

/** How one person's key file is locked. */
export type BatchLock =
  /** A receiving code the admin was given (age1…). */
  | { kind: 'code'; code: string }
  /** The receiving code the person published on their IAM user. */
  | { kind: 'published' }
  /** A passphrase Keyward makes for this person alone, shown once in the result. */
  | { kind: 'passphrase' };

export interface BatchPerson {
  userName: string;
  lock: BatchLock;
  /** What the key is for (shown in the IAM console); null for none. */
  description: string | null;
}

export interface BatchRequest {
  people: BatchPerson[];
  /** The folder each `<user>.keyward` is written into. */
  outDir: string;
}

export type BatchOutcome =
  | {
      userName: string;
      status: 'done';
      file: string;
      accessKeyId: string;
      /** The generated passphrase of a passphrase file, shown once; null for a receiving code. */
      passphrase: string | null;
      /** True when an earlier, interrupted run of this batch already made this file. */
      earlier: boolean;
      /**
       * The four check words of the code the person published, when the file is sealed to it:
       * the admin compares them with the words the person reads from their own Keyward.
       */
      checkWords?: string[];
    }
  | {
      userName: string;
      status: 'refused';
      /** What happened, in plain words. */
      reason: string;
      /** What to do next. */
      hint: string;
      /** A key that exists in AWS although its file was not written; null when none was made. */
      accessKeyId: string | null;
    };

export interface BatchProgress {
  /** People finished (done or refused). */
  finished: number;
  total: number;
}

export interface BatchResult {
  outDir: string;
  people: BatchOutcome[];
}

/** The most people one batch takes: a whole team, and a bound on the bridge's input. */
export const maxBatchPeople = 500;
