/**
 * The account's time: the real clock, moved forward by tests so that session expiry, credential
 * report ageing and MFA codes can be seen without waiting. Request signatures are still judged
 * against the real clock, because clients sign with theirs.
 */
export class SandboxClock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /** Moves the account's time forward by `ms` milliseconds, for the rest of the sandbox's life. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`The sandbox clock only moves forward: advance(${String(ms)})`);
    }
    this.#offsetMs += ms;
  }
}
