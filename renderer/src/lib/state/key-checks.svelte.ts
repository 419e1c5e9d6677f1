import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { StoredKeyCheck } from '../../../../electron/common/domain';
import { lastUseDetail } from '../format';
import type { Announcer } from './announcer.svelte';
import { PerProfile } from './per-profile.svelte';
import { Task } from './task.svelte';

/**
 * Whether a kept key still works, asked of AWS with the key itself. Only when the person asks:
 * AWS counts the check as a use of the key, so checking on every visit would hide a key that is
 * really unused from the account's audit. `value` is AWS's answer; `reset` forgets it.
 */
export class KeyCheck extends Task<StoredKeyCheck> {
  readonly profile: string;
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(profile: string, api: KeywardApi, announcer: Announcer) {
    super();
    this.profile = profile;
    this.#api = api;
    this.#announcer = announcer;
  }

  readonly broken = $derived(this.value !== null && !this.value.working);

  check = async (): Promise<void> => {
    if (this.busy) return;
    const name = this.profile;
    const answer = await this.run(() => this.#api.profiles.check({ name }));
    if (!answer.latest) return;
    if (!answer.ok) {
      // This check has no answer: an earlier one must not stand as if it were this one's.
      this.value = null;
      this.#announcer.say(
        `Could not check “${name}”: ${answer.error.message} ${answer.error.hint}`,
      );
      return;
    }
    const { working, lastUsed, lastUsedKnown, problem } = answer.value;
    this.#announcer.say(
      working
        ? `“${name}” works. ${
            lastUsedKnown
              ? `Last used ${lastUseDetail(lastUsed)}.`
              : 'AWS did not say when it was last used.'
          }`
        : `“${name}” does not work any more. ${problem ?? ''}`,
    );
  };
}

/** One KeyCheck per kept key, for the whole window. */
export class KeyChecks extends PerProfile<KeyCheck> {
  constructor(api: KeywardApi, announcer: Announcer) {
    super((profile) => new KeyCheck(profile, api, announcer));
  }
}

export const [getKeyChecks, setKeyChecks] = createContext<KeyChecks>();
