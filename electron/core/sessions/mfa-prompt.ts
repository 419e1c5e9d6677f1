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
 * Thrown by `ask` when it turns out nobody can be asked after all (the window could not be shown
 * and there is no terminal): the caller says how to start a session ahead of time.
 */
export class NobodyToAsk extends Error {
  constructor() {
    super('nobody can be asked for an MFA code here');
    this.name = 'NobodyToAsk';
  }
}

/**
 * Asks the person for a six-digit code: in a small Keyward window (the packaged app), on the
 * terminal (the command line), or in a test. Null when they cancel.
 */
export interface MfaPrompt {
  /** The code typed; null when the person cancels. Rejects with NobodyToAsk when none can. */
  ask(request: MfaRequest): Promise<string | null>;
}
