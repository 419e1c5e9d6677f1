import type { KeywardApi } from '../../../../electron/common/bridge';
import type { ConsoleCsvOffer } from '../../../../electron/common/console-csv';
import type { Settings } from '../../../../electron/common/domain';
import { Task } from './task.svelte';

/**
 * The AWS console's key downloads Keyward found in the Downloads folder at start, offered for
 * import, and the setting that turns the looking off. Main names the files only: nothing they
 * hold reaches the page until the person opens one on Receive.
 */
export class DownloadsOffer {
  offers = $state.raw<ConsoleCsvOffer[]>([]);
  /** "Not now": the offer stays away until Keyward starts again. */
  dismissed = $state(false);
  /** Whether Keyward looks in Downloads at start (the setting; absent means yes). */
  enabled = $state(true);
  readonly looking = new Task<ConsoleCsvOffer[]>();
  readonly saving = new Task<Settings>();
  readonly #api: KeywardApi;

  constructor(api: KeywardApi) {
    this.#api = api;
  }

  readonly shown = $derived(!this.dismissed && this.offers.length > 0);

  /** Asks main what lies in Downloads (main answers nothing when the setting is off). */
  look = async (): Promise<void> => {
    const answer = await this.looking.run(() => this.#api.consoleCsv.offers());
    if (answer.ok && answer.latest) this.offers = answer.value;
  };

  loadSetting = async (): Promise<void> => {
    const answer = await this.saving.run(() => this.#api.settings.get());
    if (answer.ok) this.enabled = answer.value.scanDownloads ?? true;
  };

  setEnabled = async (on: boolean): Promise<void> => {
    const answer = await this.saving.run(() => this.#api.settings.update({ scanDownloads: on }));
    if (!answer.ok) return;
    this.enabled = answer.value.scanDownloads ?? true;
    if (!this.enabled) this.offers = [];
  };

  /** A file the person chose to open: it is no longer offered. */
  taken = (id: string): void => {
    this.offers = this.offers.filter((offer) => offer.id !== id);
  };

  dismiss = (): void => {
    this.dismissed = true;
  };
}
