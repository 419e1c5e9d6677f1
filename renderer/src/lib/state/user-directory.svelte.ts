import { createUserSearch, userSearchText } from '../user-search';
import { createContext } from 'svelte';
import type { IamUserSummary, UserPage } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import type { Result } from '../../../../electron/common/result';
import { api, call } from '../api';

const pageSize = 1000;

/**
 * Everyone in the AWS account, loaded page by page in the background: the first page shows at
 * once, and typing filters what is already here without asking AWS again.
 */
export class UserDirectory {
  all = $state.raw<IamUserSummary[]>([]);
  query = $state('');
  loading = $state(false);
  complete = $state(false);
  error = $state.raw<BridgeError | null>(null);
  selected = $state<string | null>(null);
  #generation = 0;

  /** Prepared once per loaded list; each keystroke then only scans (npm run bench measures it). */
  readonly #search = $derived(createUserSearch(this.all, userSearchText));
  readonly filtered = $derived(this.#search.filter(this.query));

  load = async (): Promise<void> => {
    const generation = ++this.#generation;
    this.loading = true;
    this.complete = false;
    this.error = null;
    this.all = [];
    let cursor: string | null = null;
    do {
      const from: string | null = cursor;
      const answer: Result<UserPage> = await call(() =>
        api.users.list({ cursor: from, filter: '', pageSize }),
      );
      if (generation !== this.#generation) return;
      if (!answer.ok) {
        this.error = answer.error;
        this.loading = false;
        return;
      }
      this.all = this.all.concat(answer.value.users);
      cursor = answer.value.cursor;
    } while (cursor !== null);
    this.loading = false;
    this.complete = true;
  };

  /**
   * After signing out (registered with Session.onSignOut): stops a load in progress and forgets
   * everyone, the search and why the last list failed, so the next sign-in starts afresh.
   */
  reset = (): void => {
    this.#generation++;
    this.all = [];
    this.query = '';
    this.selected = null;
    this.loading = false;
    this.complete = false;
    this.error = null;
  };
}

export const [getUserDirectory, setUserDirectory] = createContext<UserDirectory>();
