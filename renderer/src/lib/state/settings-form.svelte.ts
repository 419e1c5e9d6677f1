import type { Settings } from '../../../../electron/common/domain';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { Announcer } from './announcer.svelte';
import { regionPattern } from './cli-setup.svelte';
import type { StoredKeys } from './stored-keys.svelte';
import { Task } from './task.svelte';

type Field = 'region' | 'endpoint' | 'clipboardSeconds' | 'staleKeyDays';

function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** `http://me:secret@host`: main refuses a name or password in the address (settings.ts). */
const credentialsInAddress = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

function endpointProblem(endpoint: string): string | null {
  if (endpoint === '') return null;
  if (!/^https?:\/\/[^\s/]+/.test(endpoint)) {
    return 'Type an address starting with http:// or https://, or leave it empty to use AWS.';
  }
  if (credentialsInAddress.test(endpoint)) {
    return 'Type the address without a user name or password, for example http://127.0.0.1:4566.';
  }
  return null;
}

/**
 * The settings screen's form. The page checks the same rules as main (electron/core/settings.ts)
 * so each field says what is wrong as it is typed; main checks again and has the last word.
 */
export class SettingsForm {
  region = $state('');
  endpoint = $state('');
  clipboardSeconds = $state('');
  staleKeyDays = $state('');
  /** Reading the settings; `value` is what main holds, `error` why they could not be read. */
  readonly loading = new Task<Settings>();
  /** Saving what changed; `error` says why it was not saved. */
  readonly saving = new Task<Settings>();
  /** Set by a save that worked, until something is typed again. */
  justSaved = $state(false);
  /** After a save that changed where Keyward talks: where that is now, and for what. */
  savedNote = $state('');
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  readonly #stored: StoredKeys;
  readonly #signedIn: () => boolean;

  constructor(api: KeywardApi, announcer: Announcer, stored: StoredKeys, signedIn: () => boolean) {
    this.#api = api;
    this.#announcer = announcer;
    this.#stored = stored;
    this.#signedIn = signedIn;
  }

  readonly problems = $derived.by((): Record<Field, string | null> => {
    const region = this.region.trim();
    const endpoint = this.endpoint.trim();
    const seconds = wholeNumber(this.clipboardSeconds);
    const days = wholeNumber(this.staleKeyDays);
    return {
      region: regionPattern.test(region)
        ? null
        : 'Type an AWS region name, such as us-east-1 or eu-west-1.',
      endpoint: endpointProblem(endpoint),
      clipboardSeconds:
        seconds !== null && seconds >= 5 && seconds <= 600
          ? null
          : 'Type a whole number of seconds from 5 to 600.',
      staleKeyDays:
        days !== null && days >= 1 && days <= 3650
          ? null
          : 'Type a whole number of days from 1 to 3650.',
    };
  });

  readonly valid = $derived(Object.values(this.problems).every((problem) => problem === null));

  /** The settings as main holds them (read, or as the last save left them). */
  get saved(): Settings | null {
    return this.loading.value;
  }

  load = async (): Promise<void> => {
    const answer = await this.loading.run(() => this.#api.settings.get());
    if (answer.ok) this.#fill(answer.value);
  };

  /** Sends only what changed. True when saved (or nothing needed saving). */
  save = async (): Promise<boolean> => {
    const before = this.saved;
    if (!before || !this.valid) return false;
    const endpoint = this.endpoint.trim() === '' ? null : this.endpoint.trim();
    const change: Partial<Settings> = {};
    if (this.region.trim() !== before.region) change.region = this.region.trim();
    if (endpoint !== before.endpoint) change.endpoint = endpoint;
    const seconds = Number(this.clipboardSeconds.trim());
    if (seconds !== before.clipboardSeconds) change.clipboardSeconds = seconds;
    const days = Number(this.staleKeyDays.trim());
    if (days !== before.staleKeyDays) change.staleKeyDays = days;
    const answer = await this.saving.run(() => this.#api.settings.update(change));
    if (!answer.ok) return false;
    this.#fill(answer.value);
    this.#stored.staleKeyDays = answer.value.staleKeyDays;
    this.savedNote = 'region' in change || 'endpoint' in change ? this.#whereNow(answer.value) : '';
    this.justSaved = true;
    this.#announcer.say(`Settings saved. ${this.savedNote}`.trim());
    return true;
  };

  /**
   * Main moves the signed-in session to a new endpoint or region at once (electron/core/keyward.ts,
   * settings.onChange), so the page can say it plainly.
   */
  #whereNow(settings: Settings): string {
    const where = settings.endpoint
      ? `the test server at ${settings.endpoint}`
      : `AWS (region ${settings.region})`;
    return `Keyward now sends every request to ${where}${
      this.#signedIn() ? ', including those of your current sign-in' : ''
    }.`;
  }

  #fill(settings: Settings): void {
    this.loading.value = settings;
    this.region = settings.region;
    this.endpoint = settings.endpoint ?? '';
    this.clipboardSeconds = String(settings.clipboardSeconds);
    this.staleKeyDays = String(settings.staleKeyDays);
  }
}
