import type { Settings, UserPage } from '../../common/domain';
import type { PeopleChanges } from '../../common/people';
import type { SignedIn } from '../aws/session';
import { SeenUsers } from '../audit/seen-users';
import { PeopleRows } from './people-rows';

export interface PeopleTableDeps {
  signedIn(): SignedIn;
  listUsers(options: {
    cursor: string | null;
    filter: string;
    pageSize: number;
  }): Promise<UserPage>;
  settings: { read(): Promise<Settings> };
  dataDir: string;
}

/** An active key unused this long is flagged, as in the audit (run-audit's default). */
const unusedKeyDays = 90;

/** The table loads the AWS SDK; the first screen does not, so it is imported on first use. */
const loadRun = () => import('./people-run');

/**
 * The People table for the window: one table at a time, read in the background. `open` answers
 * with the first page of names at once; the window then polls `changes` (as it polls the audit's
 * progress) for the rest of the people and for each row's columns as they are filled.
 */
export class PeopleTable {
  readonly #deps: PeopleTableDeps;
  #runs = 0;
  #current: { rows: PeopleRows; controller: AbortController; done: Promise<void> } | null = null;

  constructor(deps: PeopleTableDeps) {
    this.#deps = deps;
  }

  /**
   * Starts reading the table again and resolves with its first page (names, columns still
   * loading). Rejects when not even the first page could be listed (not allowed, offline).
   */
  async open(options: { source?: 'auto' | 'per-user' } = {}): Promise<PeopleChanges> {
    this.clear();
    const controller = new AbortController();
    const { signal } = controller;
    const { identity } = this.#deps.signedIn();
    const [{ staleKeyDays }, seenBefore, { startPeopleRun }] = await Promise.all([
      this.#deps.settings.read(),
      new SeenUsers(this.#deps.dataDir).previous(identity.accountId),
      loadRun(),
    ]);
    const rows = new PeopleRows((this.#runs += 1), { staleKeyDays, unusedKeyDays });
    const started = startPeopleRun(this.#deps, rows, {
      source: options.source ?? 'auto',
      rules: { staleKeyDays, unusedKeyDays, seenBefore, now: Date.now() },
      signal,
    });
    this.#current = { rows, controller, done: started.done };
    try {
      await started.firstPage;
    } catch (error) {
      if (this.#isCurrent(rows)) this.clear();
      throw error;
    }
    return rows.changesSince(0);
  }

  /** What changed since `since` in table `run`; null when that table is no longer being read. */
  changes(run: number, since: number): PeopleChanges | null {
    const current = this.#current;
    if (!current || current.rows.run !== run) return null;
    return current.rows.changesSince(since);
  }

  /** Resolves when the current table is completely read (for tests and the bench). */
  async settled(): Promise<void> {
    await this.#current?.done;
  }

  #isCurrent(rows: PeopleRows): boolean {
    return this.#current?.rows === rows;
  }

  /** Stops reading and forgets the table, e.g. on sign-out: it describes that account. */
  clear(): void {
    this.#current?.controller.abort();
    this.#current = null;
  }
}
