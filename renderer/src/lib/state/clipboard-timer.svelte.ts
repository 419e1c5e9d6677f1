import { createContext } from 'svelte';
import type { Announcer } from './announcer.svelte';

/**
 * The countdown after a secret was copied. Main clears the clipboard itself; this only shows
 * when, next to the button that copied it. One clipboard, so one countdown for the whole window.
 */
export class ClipboardTimer {
  /** Which copy button started the countdown, so only that one shows it. */
  owner = $state<string | null>(null);
  secondsLeft = $state(0);
  readonly #announcer: Announcer;
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(announcer: Announcer) {
    this.#announcer = announcer;
  }

  start = (owner: string, seconds: number, what: string): void => {
    clearInterval(this.#interval);
    this.owner = owner;
    this.secondsLeft = seconds;
    this.#announcer.say(
      `${what} copied. Keyward will clear it from the clipboard in ${String(seconds)} seconds.`,
    );
    this.#interval = setInterval(() => {
      this.secondsLeft -= 1;
      if (this.secondsLeft <= 0) {
        clearInterval(this.#interval);
        this.owner = null;
        this.#announcer.say('The copied secret was cleared from the clipboard.');
      }
    }, 1000);
  };

  stop = (): void => {
    clearInterval(this.#interval);
    this.owner = null;
  };
}

export const [getClipboardTimer, setClipboardTimer] = createContext<ClipboardTimer>();
