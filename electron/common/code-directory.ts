// The receiving-code directory: a person's receiving code published as a tag on their own IAM
// user, so an admin's Keyward finds it without copy and paste. Pure types, shared by both doors.

/** A colleague's published receiving code, as an admin's Keyward found it. */
export interface PublishedCode {
  /** The `age1…` receiving code, checked. */
  code: string;
  /** Four words derived from the code, for the person to read out from their own Keyward. */
  fingerprint: string[];
  /** This admin sealed a key to another code for this person before. */
  changedSinceLastUse: boolean;
  /** The code this admin last sealed a key to for this person; null when never. */
  lastUsedCode: string | null;
}

/** This computer's receiving code, its check words, and whether it is published. */
export interface MyReceivingCode {
  code: string;
  fingerprint: string[];
  /**
   * Whether the signed-in person's IAM user holds this code: 'shared', 'other' (a code of another
   * computer of theirs), 'not-shared', or 'unknown' when not signed in as an IAM user or the
   * tags could not be read.
   */
  published: 'shared' | 'other' | 'not-shared' | 'unknown';
  /** The IAM user it would be published on; null when not signed in as one. */
  userName: string | null;
}
