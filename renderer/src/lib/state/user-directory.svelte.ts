import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { IamUserSummary, UserPage } from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { createUserSearch, userSearchText } from '../user-search';
import { Task } from './task.svelte';

const pageSize = 1000;

/**
 * Everyone in the AWS account, loaded page by page in the background: the first page shows at
 * once, and typing filters what is already here without asking AWS again.
 */
export class UserDirectory {
  all = $state.raw<IamUserSummary[]>([]);
  query = $state('');
  /** Reading the pages (`busy` until the last one), and why the list stopped, if it did. */
  readonly listing = new Task<null>();
  selected = $state<string | null>(null);
  readonly #api: KeywardApi;

  constructor(api: KeywardApi) {
    this.#api = api;
  }

  /** Prepared once per loaded list; each keystroke then only scans (npm run bench measures it). */
  readonly #search = $derived(createUserSearch(this.all, userSearchText));
  readonly filtered = $derived(this.#search.filter(this.query));

  load = async (): Promise<void> => {
    this.all = [];
    await this.listing.run(async (latest) => {
      let cursor: string | null = null;
      do {
        const from: string | null = cursor;
        const page: Result<UserPage> = await this.#api.users.list({
          cursor: from,
          filter: '',
          pageSize,
        });
        if (!page.ok) return page;
        // A newer load (or a sign-out) took over: what it shows is not added to.
        if (!latest()) break;
        this.all = this.all.concat(page.value.users);
        cursor = page.value.cursor;
      } while (cursor !== null);
      return { ok: true, value: null };
    });
  };

  /**
   * After signing out (registered with Session.onSignOut): stops a load in progress and forgets
   * everyone, the search and why the last list failed, so the next sign-in starts afresh.
   */
  reset = (): void => {
    this.listing.reset();
    this.all = [];
    this.query = '';
    this.selected = null;
  };
}

export const [getUserDirectory, setUserDirectory] = createContext<UserDirectory>();
