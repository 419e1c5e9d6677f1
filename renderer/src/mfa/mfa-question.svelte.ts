import type {
  KeywardMfaApi,
  MfaWindowNext,
  MfaWindowRequest,
} from '../../../electron/common/mfa-window';
import { mfaCodeOf } from '../lib/rules';

/**
 * starting: waiting for the question; asking: the field is open; checking: AWS is looking at
 * the code; done: the command has its session; cancelled: the person said no; broken: the
 * window lost its command.
 */
export type MfaPhase = 'starting' | 'asking' | 'checking' | 'done' | 'cancelled' | 'broken';

export const notACode = 'Type the 6 digits your authenticator app shows.';

/**
 * The MFA window's one question: shows what main asks, hands the typed code on, and follows
 * main's next word (asked again after AWS refused the code, or done).
 */
export class MfaQuestion {
  phase = $state<MfaPhase>('starting');
  request = $state<MfaWindowRequest | null>(null);
  /** Why the code will not do: not six digits, or AWS did not take it. Announced. */
  problem = $state<string | null>(null);
  /** Counts the questions, so the page clears the field and focuses it for each one. */
  asked = $state(0);
  readonly #api: KeywardMfaApi;

  constructor(api: KeywardMfaApi) {
    this.#api = api;
  }

  /** The device's name as the authenticator app shows it ("alice" for …:mfa/alice). */
  get deviceName(): string {
    return this.request?.serialNumber.replace(/^.*:(mfa|u2f)\//, '') ?? '';
  }

  start(): Promise<void> {
    return this.#follow(() => this.#api.next());
  }

  async submit(typed: string): Promise<void> {
    if (this.phase !== 'asking') return;
    const code = mfaCodeOf(typed);
    if (code === null) {
      this.problem = notACode;
      return;
    }
    this.problem = null;
    this.phase = 'checking';
    let taken: boolean;
    try {
      taken = await this.#api.submit(code);
    } catch {
      this.phase = 'broken';
      return;
    }
    if (!taken) {
      // Main asks nothing any more (the command ended while the person typed).
      this.phase = 'broken';
      return;
    }
    await this.#follow(() => this.#api.next());
  }

  async cancel(): Promise<void> {
    if (this.phase === 'done' || this.phase === 'cancelled' || this.phase === 'broken') return;
    this.phase = 'cancelled';
    try {
      await this.#api.cancel();
    } catch {
      // The window is closing either way.
    }
  }

  async #follow(next: () => Promise<MfaWindowNext>): Promise<void> {
    let answer: MfaWindowNext;
    try {
      answer = await next();
    } catch {
      if (this.phase !== 'cancelled') this.phase = 'broken';
      return;
    }
    if (this.phase === 'cancelled') return;
    if ('done' in answer) {
      this.phase = 'done';
      return;
    }
    this.request = answer.ask;
    this.problem = answer.ask.problem;
    this.phase = 'asking';
    this.asked++;
  }
}
