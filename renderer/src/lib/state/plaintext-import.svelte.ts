import type { KeywardApi } from '../../../../electron/common/bridge';
import type {
  PlaintextImportResult,
  PlaintextProfile,
} from '../../../../electron/common/plaintext-import';
import { Task } from './task.svelte';

/**
 * Moving a key that sits in plain text in the AWS files into the keychain: the window's door to
 * what `keyward profiles import` does (main does the work, with the same rules and words).
 */
export class PlaintextImport {
  /** The AWS profiles holding a plaintext key; each says why it cannot move, if it cannot. */
  readonly listing = new Task<PlaintextProfile[]>();
  /** Moving the chosen one; `value` says where things went. */
  readonly moving = new Task<PlaintextImportResult>();
  /** The AWS profile chosen to move. */
  chosen = $state<string | null>(null);
  readonly #api: KeywardApi;
  readonly #onMoved: (result: PlaintextImportResult) => Promise<void>;

  constructor(api: KeywardApi, onMoved: (result: PlaintextImportResult) => Promise<void>) {
    this.#api = api;
    this.#onMoved = onMoved;
  }

  readonly found = $derived(this.listing.value ?? []);
  readonly choice = $derived(this.found.find((item) => item.profile === this.chosen) ?? null);

  /** Reads the AWS files again and forgets an earlier move, as each opening should. */
  load = async (): Promise<void> => {
    this.moving.reset();
    this.chosen = null;
    const answer = await this.listing.run(() => this.#api.profiles.importable());
    if (answer.ok && answer.latest) {
      this.chosen = answer.value.find((item) => item.problem === null)?.profile ?? null;
    }
  };

  move = async (): Promise<void> => {
    const choice = this.choice;
    if (!choice || choice.problem) return;
    const answer = await this.moving.run(() =>
      this.#api.profiles.importPlaintext({ profile: choice.profile }),
    );
    if (answer.ok && answer.latest) await this.#onMoved(answer.value);
  };
}
