import { createContext } from 'svelte';
import type { StoredKeyCheck } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import { lastUseDetail } from '../format';
import type { Announcer } from './announcer.svelte';
import { PerProfile } from './per-profile.svelte';

/**
 * Whether a kept key still works, asked of AWS with the key itself. Only when the person asks:
 * AWS counts the check as a use of the key, so checking on every visit would hide a key that is
 * really unused from the account's audit.
 */
export class KeyCheck {
  readonly profile: string;
  checking = $state(false);
  result = $state.raw<StoredKeyCheck | null>(null);
  error = $state.raw<BridgeError | null>(null);
  readonly #announcer: Announcer;

  constructor(profile: string, announcer: Announcer) {
    this.profile = profile;
    this.#announcer = announcer;
  }

  readonly broken = $derived(this.result !== null && !this.result.working);

  check = async (): Promise<void> => {
    if (this.checking) return;
    this.checking = true;
    this.error = null;
    const answer = await call(() => api.profiles.check({ name: this.profile }));
    this.checking = false;
    if (!answer.ok) {
      // This check has no answer: an earlier one must not stand as if it were this one's.
      this.result = null;
      this.error = answer.error;
      this.#announcer.say(
        `Could not check “${this.profile}”: ${answer.error.message} ${answer.error.hint}`,
      );
      return;
    }
    this.result = answer.value;
    const { working, lastUsed, lastUsedKnown, problem } = answer.value;
    this.#announcer.say(
      working
        ? `“${this.profile}” works. ${
            lastUsedKnown
              ? `Last used ${lastUseDetail(lastUsed)}.`
              : 'AWS did not say when it was last used.'
          }`
        : `“${this.profile}” does not work any more. ${problem ?? ''}`,
    );
  };

  /** After a rotation the kept key is another one: what was learned is about the old key. */
  forget = (): void => {
    this.result = null;
    this.error = null;
  };
}

/** One KeyCheck per kept key, for the whole window. */
export class KeyChecks {
  readonly #byProfile: PerProfile<KeyCheck>;

  constructor(announcer: Announcer) {
    this.#byProfile = new PerProfile((profile) => new KeyCheck(profile, announcer));
  }

  of = (profile: string): KeyCheck => this.#byProfile.of(profile);
}

export const [getKeyChecks, setKeyChecks] = createContext<KeyChecks>();
