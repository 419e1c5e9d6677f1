import type { Settings } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import type { Announcer } from './announcer.svelte';
import { regionPattern } from './cli-setup.svelte';
import type { StoredKeys } from './stored-keys.svelte';

type Field = 'region' | 'endpoint' | 'clipboardSeconds' | 'staleKeyDays';

function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * The settings screen's form. The page checks the same rules as main (electron/core/settings.ts)
 * so each field says what is wrong as it is typed; main checks again and has the last word.
 */
export class SettingsForm {
  saved = $state.raw<Settings | null>(null);
  region = $state('');
  endpoint = $state('');
  clipboardSeconds = $state('');
  staleKeyDays = $state('');
  loadError = $state.raw<BridgeError | null>(null);
  saving = $state(false);
  error = $state.raw<BridgeError | null>(null);
  /** Set by a save that worked, until something is typed again. */
  justSaved = $state(false);
  readonly #announcer: Announcer;
  readonly #stored: StoredKeys;

  constructor(announcer: Announcer, stored: StoredKeys) {
    this.#announcer = announcer;
    this.#stored = stored;
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
      endpoint:
        endpoint === '' || /^https?:\/\/[^\s/]+/.test(endpoint)
          ? null
          : 'Type an address starting with http:// or https://, or leave it empty to use AWS.',
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

  load = async (): Promise<void> => {
    this.loadError = null;
    const answer = await call(() => api.settings.get());
    if (answer.ok) this.#fill(answer.value);
    else this.loadError = answer.error;
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
    this.saving = true;
    this.error = null;
    const answer = await call(() => api.settings.update(change));
    this.saving = false;
    if (!answer.ok) {
      this.error = answer.error;
      return false;
    }
    this.#fill(answer.value);
    this.#stored.staleKeyDays = answer.value.staleKeyDays;
    this.justSaved = true;
    this.#announcer.say('Settings saved.');
    return true;
  };

  #fill(settings: Settings): void {
    this.saved = settings;
    this.region = settings.region;
    this.endpoint = settings.endpoint ?? '';
    this.clipboardSeconds = String(settings.clipboardSeconds);
    this.staleKeyDays = String(settings.staleKeyDays);
  }
}
