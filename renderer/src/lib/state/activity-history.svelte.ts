import type { ActivityEntry } from '../../../../electron/common/activity';
import type { KeywardApi } from '../../../../electron/common/bridge';
import { Task } from './task.svelte';

/** How many entries the window shows at first, and how many more each "Show older" adds. */
export const activityPage = 50;

/** The activity log as the window shows it: the newest first, more on request. */
export class ActivityHistory {
  readonly loading = new Task<ActivityEntry[]>();
  #limit = $state(activityPage);
  readonly #api: KeywardApi;

  constructor(api: KeywardApi) {
    this.#api = api;
  }

  /** The newest first (main answers the newest last, as the command line prints them). */
  readonly entries = $derived([...(this.loading.value ?? [])].reverse());

  /** True when the log may hold older entries than those shown. */
  readonly mayHaveOlder = $derived((this.loading.value?.length ?? 0) >= this.#limit);

  load = async (): Promise<void> => {
    await this.loading.run(() => this.#api.activity.list({ limit: this.#limit }));
  };

  showOlder = async (): Promise<void> => {
    this.#limit += activityPage;
    await this.load();
  };
}
