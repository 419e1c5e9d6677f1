import type { ActivityEntry, ActivityFilter } from '../../../../electron/common/activity';
import type { KeywardApi } from '../../../../electron/common/bridge';
import { term } from '../glossary';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

/** How many entries the window shows at first, and how many more each "Show older" adds. */
export const activityPage = 50;

const day = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight of a `YYYY-MM-DD` day (what a date field gives), `days` later, as ISO. */
function midnight(date: string, days = 0): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, dayOfMonth + days).toISOString();
}

/**
 * History: the activity log as the window shows it, the newest first, more on request. Filters
 * (a key, a person, a range of days) are applied by main, which also writes the CSV export, so
 * what is exported is what is shown, all of it.
 */
export class ActivityHistory {
  readonly loading = new Task<ActivityEntry[]>();
  readonly exporting = new Task<{ path: string } | null>();
  /** The filter form, as typed: a key name or key ID, a person, and days (`YYYY-MM-DD`). */
  key = $state('');
  person = $state('');
  from = $state('');
  to = $state('');
  /** The filter of the entries shown (and of an export): the form as it was when applied. */
  applied = $state.raw<ActivityFilter>({});
  #limit = $state(activityPage);
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** The newest first (main answers the newest last, as the command line prints them). */
  readonly entries = $derived([...(this.loading.value ?? [])].reverse());

  /** True when the log may hold older entries than those shown. */
  readonly mayHaveOlder = $derived((this.loading.value?.length ?? 0) >= this.#limit);

  /** Some filter narrows what is shown. */
  readonly filtered = $derived(Object.keys(this.applied).length > 0);

  /** Why the days typed will not do (a field gives an empty value for an impossible date). */
  readonly dateProblem = $derived.by((): string | null => {
    for (const value of [this.from, this.to]) {
      if (value !== '' && !day.test(value)) return 'Choose a whole date: day, month and year.';
    }
    if (this.from !== '' && this.to !== '' && this.to < this.from) {
      return 'The “to” date is before the “from” date: choose a later “to” date.';
    }
    return null;
  });

  load = async (): Promise<void> => {
    await this.loading.run(() => this.#api.activity.list({ ...this.applied, limit: this.#limit }));
  };

  showOlder = async (): Promise<void> => {
    this.#limit += activityPage;
    await this.load();
  };

  /** Shows the entries the form describes, from the newest. False when a date will not do. */
  apply = async (): Promise<boolean> => {
    if (this.dateProblem !== null) return false;
    const filter: ActivityFilter = {};
    if (this.key.trim() !== '') filter.key = this.key.trim();
    if (this.person.trim() !== '') filter.person = this.person.trim();
    if (this.from !== '') filter.since = midnight(this.from);
    // Up to the end of the "to" day: before the next day's midnight.
    if (this.to !== '') filter.before = midnight(this.to, 1);
    this.applied = filter;
    this.#limit = activityPage;
    await this.load();
    const count = this.entries.length;
    if (this.loading.error === null) {
      this.#announcer.say(
        count === 0
          ? `Nothing in the ${term.history.toLowerCase()} matches.`
          : `${this.mayHaveOlder ? 'The newest ' : ''}${String(count)} ${count === 1 ? 'entry' : 'entries'} shown.`,
      );
    }
    return true;
  };

  clear = async (): Promise<void> => {
    this.key = '';
    this.person = '';
    this.from = '';
    this.to = '';
    await this.apply();
  };

  /** Main asks where to save, then writes every entry the filter shown matches. */
  exportCsv = async (): Promise<void> => {
    const answer = await this.exporting.run(() => this.#api.activity.export(this.applied));
    if (answer.ok && answer.value) this.#announcer.say(`Saved to ${answer.value.path}.`);
  };
}
