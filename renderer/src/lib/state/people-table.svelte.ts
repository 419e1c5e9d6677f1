import { createContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type {
  PeopleChanges,
  PeopleFilling,
  PeopleListing,
  PersonRow,
} from '../../../../electron/common/people';
import { call } from '../api';
import { createUserSearch, userSearchText } from '../user-search';
import { Task } from './task.svelte';

const pollMs = 300;

export type PeopleColumn = 'name' | 'keys' | 'oldest' | 'lastUsed' | 'flags';

/** A row's value for sorting; null (columns not read, or nothing to compare) sorts last. */
const sortValue: Record<PeopleColumn, (row: PersonRow) => number | string | null> = {
  name: (row) => row.userName.toLowerCase(),
  // Active keys count most: two active, then one active and one inactive, and so on.
  keys: (row) =>
    row.cells.state === 'read' ? row.cells.activeKeys * 3 + row.cells.inactiveKeys : null,
  oldest: (row) => (row.cells.state === 'read' ? row.cells.oldestActiveKeyDays : null),
  lastUsed: (row) => {
    if (row.cells.state !== 'read') return null;
    const use = row.cells.lastUsed;
    if (use.kind === 'never') return 0;
    if (use.kind !== 'used') return null;
    const time = Date.parse(use.date);
    return Number.isNaN(time) ? null : time;
  },
  flags: (row) => (row.cells.state === 'read' ? row.cells.flags.length : null),
};

/**
 * The People table for the whole window: everyone in the account, the first page at once and
 * the rest (and each row's columns) as main reads them; sorted, filtered and ticked here.
 */
export class PeopleTable {
  rows = $state.raw<PersonRow[]>([]);
  listing = $state.raw<PeopleListing | null>(null);
  filling = $state.raw<PeopleFilling | null>(null);
  /** Asking main for the first page; its error when not even that could be read. */
  readonly opening = new Task<PeopleChanges>();
  query = $state('');
  sortBy = $state<PeopleColumn>('name');
  descending = $state(false);
  /** The person whose keys are shown beside the table. */
  opened = $state<string | null>(null);
  /** People ticked for "Create keys for N people". */
  readonly chosen = new SvelteSet<string>();
  readonly #api: KeywardApi;
  #run = 0;
  #version = 0;
  #loadedFor: string | null = null;
  /** Where each person's row is in `rows`; no prototype, as any user name may be a key. */
  #index: Record<string, number> = Object.create(null) as Record<string, number>;

  constructor(api: KeywardApi) {
    this.#api = api;
  }

  /** Prepared once per change of rows; each keystroke then only scans. */
  readonly #search = $derived(createUserSearch(this.rows, userSearchText));
  readonly filtered = $derived(this.#search.filter(this.query));

  readonly sorted = $derived.by(() => {
    const value = sortValue[this.sortBy];
    const direction = this.descending ? -1 : 1;
    // Decorate once: 10,000 rows sort in a few milliseconds this way.
    const decorated = this.filtered.map((row) => ({ row, value: value(row) }));
    decorated.sort((a, b) => {
      if (a.value === b.value) return a.row.userName < b.row.userName ? -1 : 1;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * direction;
    });
    return decorated.map((entry) => entry.row);
  });

  /** Still listing people or filling columns. */
  readonly reading = $derived(
    this.opening.busy ||
      this.listing?.state === 'reading' ||
      (this.filling !== null && this.filling.state === 'reading'),
  );

  /**
   * Reads the table once per sign-in (`signIn` names it): coming back to the screen keeps it.
   * Reset (signing out, another account) forgets which sign-in it was read for.
   */
  loadFor = async (signIn: string): Promise<void> => {
    if (this.#loadedFor === signIn) return;
    this.#loadedFor = signIn;
    await this.load();
  };

  /** Reads the table again from the start, then follows main until every row is filled. */
  load = async (): Promise<void> => {
    const answer = await this.opening.run(() => this.#api.people.open());
    if (!answer.ok || !answer.latest) return;
    this.rows = [];
    this.#index = Object.create(null) as Record<string, number>;
    this.#apply(answer.value);
    const run = answer.value.run;
    while (this.#run === run && this.#following()) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (this.#run !== run) return;
      const next = await call(() => this.#api.people.changes({ run, since: this.#version }));
      if (this.#run !== run) return;
      // Main forgot the table (signed out elsewhere) or could not answer: stop following it.
      if (!next.ok || next.value === null) return;
      this.#apply(next.value);
    }
  };

  sort = (column: PeopleColumn): void => {
    if (this.sortBy === column) this.descending = !this.descending;
    else {
      this.sortBy = column;
      // Most useful first: most keys, oldest, most flags; names and last use from the start.
      this.descending = column === 'keys' || column === 'oldest' || column === 'flags';
    }
  };

  toggle = (userName: string): void => {
    if (!this.chosen.delete(userName)) this.chosen.add(userName);
  };

  chooseNone = (): void => {
    this.chosen.clear();
  };

  /** A person deleted from AWS (offboarded whole) leaves the table and the ticks. */
  forgetPerson = (userName: string): void => {
    if (this.#index[userName] === undefined) return;
    this.rows = this.rows.filter((row) => row.userName !== userName);
    this.#index = Object.create(null) as Record<string, number>;
    this.rows.forEach((row, at) => (this.#index[row.userName] = at));
    this.chosen.delete(userName);
  };

  /** After signing out: stops following the table and forgets it, the search and the ticks. */
  reset = (): void => {
    this.#loadedFor = null;
    this.#run = 0;
    this.#version = 0;
    this.opening.reset();
    this.rows = [];
    this.#index = Object.create(null) as Record<string, number>;
    this.listing = null;
    this.filling = null;
    this.query = '';
    this.opened = null;
    this.chosen.clear();
  };

  #following(): boolean {
    return this.listing?.state === 'reading' || this.filling?.state === 'reading';
  }

  #apply(changes: PeopleChanges): void {
    this.#run = changes.run;
    this.#version = changes.version;
    this.listing = changes.listing;
    this.filling = changes.filling;
    if (changes.rows.length === 0) return;
    const rows = this.rows.slice();
    for (const row of changes.rows) {
      const at = this.#index[row.userName];
      if (at === undefined) {
        this.#index[row.userName] = rows.length;
        rows.push(row);
      } else {
        rows[at] = row;
      }
    }
    this.rows = rows;
  }
}

export const [getPeopleTable, setPeopleTable] = createContext<PeopleTable>();
