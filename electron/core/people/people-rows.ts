import type {
  PeopleChanges,
  PeopleFilling,
  PeopleListing,
  PersonCells,
  PersonRow,
} from '../../common/people';

interface Entry {
  row: PersonRow;
  /** The version at which the row last changed: the window asks for rows changed since one. */
  version: number;
}

/**
 * One People table as it is being read: rows in the order AWS listed them, each stamped with the
 * version it last changed at, so the window's poll carries only what is new (10,000 rows cross
 * the bridge once, not every poll).
 */
export class PeopleRows {
  readonly run: number;
  readonly #entries: Entry[] = [];
  readonly #byName = new Map<string, Entry>();
  #version = 0;
  #listing: PeopleListing = { state: 'reading', listed: 0 };
  #filling: Omit<PeopleFilling, 'filled' | 'slowedDown'>;
  #filled = 0;
  #slowedDown: () => boolean = () => false;
  readonly #added = new Set<(rows: readonly PersonRow[]) => void>();

  constructor(run: number, rules: { staleKeyDays: number; unusedKeyDays: number }) {
    this.run = run;
    this.#filling = { source: null, state: 'reading', reportGeneratedAt: null, ...rules };
  }

  /** Adds a page of listed people (columns not read yet); people already here are skipped. */
  add(users: readonly { userName: string; path: string }[]): void {
    const added: PersonRow[] = [];
    this.#version += 1;
    for (const user of users) {
      const key = user.userName.toLowerCase();
      if (this.#byName.has(key)) continue;
      const entry: Entry = {
        row: { userName: user.userName, path: user.path, cells: { state: 'loading' } },
        version: this.#version,
      };
      this.#entries.push(entry);
      this.#byName.set(key, entry);
      added.push(entry.row);
    }
    this.#listing = { ...this.#listing, listed: this.#entries.length };
    for (const listener of this.#added) listener(added);
  }

  /** Told of each page as it is added, for the filler to read the new rows' columns. */
  onAdded(listener: (rows: readonly PersonRow[]) => void): void {
    this.#added.add(listener);
  }

  setCells(userName: string, cells: PersonCells): void {
    const entry = this.#byName.get(userName.toLowerCase());
    if (!entry) return;
    if (entry.row.cells.state === 'loading' && cells.state !== 'loading') this.#filled += 1;
    this.#version += 1;
    entry.row = { ...entry.row, cells };
    entry.version = this.#version;
  }

  /** Rows still waiting for their columns, in list order. */
  loading(): PersonRow[] {
    return this.#entries.filter((e) => e.row.cells.state === 'loading').map((e) => e.row);
  }

  get listing(): PeopleListing {
    return this.#listing;
  }

  set listing(listing: PeopleListing) {
    this.#version += 1;
    this.#listing = listing;
  }

  fill(update: Partial<Omit<PeopleFilling, 'filled' | 'slowedDown'>>): void {
    this.#version += 1;
    this.#filling = { ...this.#filling, ...update };
  }

  slowedDownBy(slowedDown: () => boolean): void {
    this.#slowedDown = slowedDown;
  }

  changesSince(since: number): PeopleChanges {
    return {
      run: this.run,
      version: this.#version,
      rows: this.#entries.filter((e) => e.version > since).map((e) => e.row),
      listing: this.#listing,
      filling: { ...this.#filling, filled: this.#filled, slowedDown: this.#slowedDown() },
    };
  }
}
