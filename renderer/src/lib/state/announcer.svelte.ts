import { createContext } from 'svelte';

/**
 * One polite live region for the whole window: status changes ("Key deleted", "Copied") are said
 * once by screen readers without moving focus. Errors use role="alert" where they appear instead.
 */
export class Announcer {
  message = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;

  say = (text: string): void => {
    // Clearing first makes a repeated message ("Copied", "Copied") be announced again.
    this.message = '';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.message = text;
    }, 60);
  };
}

export const [getAnnouncer, setAnnouncer] = createContext<Announcer>();
