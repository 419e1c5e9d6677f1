/** What the person is told when Keyward needs a code from their MFA device. */
export interface MfaRequest {
  /** The Keyward profile the session is for. */
  profile: string;
  accountId: string;
  serialNumber: string;
  /** Why it asks again (a code AWS did not take); null the first time. */
  problem: string | null;
}

/**
 * Asks the person for a six-digit code: in a small Keyward window (the packaged app), on the
 * terminal (the command line), or in a test. Null when they cancel.
 */
export interface MfaPrompt {
  ask(request: MfaRequest): Promise<string | null>;
}
