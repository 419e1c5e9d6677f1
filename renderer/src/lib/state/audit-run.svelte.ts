import { createContext } from 'svelte';
import type {
  AuditFlag,
  AuditFlagId,
  AuditKey,
  AuditPhase,
  AuditProgress,
  AuditResult,
} from '../../../../electron/common/audit';
import type { KeywardApi } from '../../../../electron/common/bridge';
import { call } from '../api';
import { plural } from '../format';
import type { Announcer } from './announcer.svelte';
import type { SessionChange } from './session.svelte';
import { Task } from './task.svelte';

const pollMs = 300;

/** What the audit is doing, in words, for the progress bar and for screen readers. */
export function phaseText(progress: AuditProgress): string {
  const { phase, done, total } = progress;
  const texts: Record<AuditPhase, string> = {
    'generating-report': 'Asking AWS to prepare its credential report (a list of everyone’s keys)…',
    'downloading-report': 'Reading the credential report…',
    'listing-users':
      done > 0
        ? `Listing the people in the account: ${plural(done, 'person', 'people')} so far…`
        : 'Listing the people in the account…',
    'reading-keys':
      total === null
        ? 'Reading each person’s keys…'
        : `Reading each person’s keys: ${done.toLocaleString()} of ${plural(total, 'person', 'people')}…`,
    checking: 'Checking the keys against the rules…',
  };
  return texts[phase];
}

/** One line of the table: one key of one person (or a person without keys). */
export interface AuditLine {
  id: string;
  /** The person's AWS account (null in a result that did not say). */
  accountId: string | null;
  /** The account as people know it: "alias (id)", or the id. */
  accountText: string;
  accountAlias: string | null;
  userName: string;
  /** Lower-cased, for filtering and sorting without doing it again on each keystroke. */
  userKey: string;
  key: AuditKey | null;
  /** This key's flags, then the person's own (two active keys, new, not checked). */
  flags: AuditFlag[];
}

export type AuditColumn = 'account' | 'user' | 'key' | 'status' | 'age' | 'lastUsed' | 'flags';
/** 'problems': any flag; otherwise one flag, or everything. */
export type AuditShow = 'all' | 'problems' | AuditFlagId;

export const pageSize = 50;

/** "example-labs (210987654321)", or the id alone for an account without an alias. */
export function accountText(accountId: string, alias: string | null | undefined): string {
  return alias ? `${alias} (${accountId})` : accountId;
}

function linesOf(result: AuditResult): AuditLine[] {
  const lines: AuditLine[] = [];
  for (const row of result.rows) {
    const personal = row.flags.filter((flag) => flag.slot === null);
    const userKey = row.userName.toLowerCase();
    const accountId = row.accountId ?? null;
    const account = {
      accountId,
      accountAlias: row.accountAlias ?? null,
      accountText: accountId === null ? '' : accountText(accountId, row.accountAlias),
    };
    const prefix = accountId === null ? '' : `${accountId}/`;
    if (row.keys.length === 0) {
      lines.push({
        id: `${prefix}${row.userName}#0`,
        ...account,
        userName: row.userName,
        userKey,
        key: null,
        flags: personal,
      });
      continue;
    }
    for (const key of row.keys) {
      lines.push({
        id: `${prefix}${row.userName}#${String(key.slot)}`,
        ...account,
        userName: row.userName,
        userKey,
        key,
        flags: [...row.flags.filter((flag) => flag.slot === key.slot), ...personal],
      });
    }
  }
  return lines;
}

/** Never used counts as the longest ago; no record at all sorts after everything. */
function lastUsedValue(line: AuditLine): number | null {
  const use = line.key?.lastUsed;
  if (!use || use.kind === 'unknown') return null;
  if (use.kind === 'never') return 0;
  const time = Date.parse(use.date);
  return Number.isNaN(time) ? null : time;
}

const sortValue: Record<AuditColumn, (line: AuditLine) => number | string | null> = {
  account: (line) => line.accountText.toLowerCase(),
  user: (line) => line.userKey,
  key: (line) => line.key?.slot ?? null,
  status: (line) => (line.key ? (line.key.active ? 1 : 0) : null),
  age: (line) => line.key?.ageDays ?? null,
  lastUsed: lastUsedValue,
  flags: (line) => line.flags.length,
};

/** Sorting, filtering and paging of the audit's lines: the page shows one page of a table. */
export class AuditView {
  sortBy = $state<AuditColumn>('flags');
  descending = $state(true);
  query = $state('');
  show = $state<AuditShow>('all');
  /** One account's lines only (its id), or 'all'. */
  account = $state('all');
  page = $state(0);
  readonly #source: () => AuditResult | null;

  constructor(source: () => AuditResult | null) {
    this.#source = source;
  }

  readonly lines = $derived.by(() => {
    const result = this.#source();
    return result ? linesOf(result) : [];
  });

  readonly filtered = $derived.by(() => {
    const needle = this.query.trim().toLowerCase();
    const show = this.show;
    const account = this.account;
    return this.lines.filter(
      (line) =>
        (needle === '' || line.userKey.includes(needle)) &&
        (account === 'all' || line.accountId === account) &&
        (show === 'all' ||
          (show === 'problems' ? line.flags.length > 0 : line.flags.some((f) => f.id === show))),
    );
  });

  readonly sorted = $derived.by(() => {
    const value = sortValue[this.sortBy];
    const direction = this.descending ? -1 : 1;
    // Decorate once: 15,000 lines sort in a few milliseconds this way.
    const decorated = this.filtered.map((line) => ({ line, value: value(line) }));
    decorated.sort((a, b) => {
      if (a.value === b.value) return a.line.id < b.line.id ? -1 : 1;
      // Unknown values go last whichever the direction.
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * direction;
    });
    return decorated.map((entry) => entry.line);
  });

  readonly pageCount = $derived(Math.max(1, Math.ceil(this.sorted.length / pageSize)));
  readonly currentPage = $derived(Math.min(this.page, this.pageCount - 1));
  readonly visible = $derived(
    this.sorted.slice(this.currentPage * pageSize, (this.currentPage + 1) * pageSize),
  );

  sort = (column: AuditColumn): void => {
    if (this.sortBy === column) this.descending = !this.descending;
    else {
      this.sortBy = column;
      // Most useful first: most flags, oldest, longest unused; names from A.
      this.descending = column === 'flags' || column === 'age';
    }
    this.page = 0;
  };

  filterBy = (show: AuditShow): void => {
    this.show = show;
    this.page = 0;
  };

  filterByAccount = (accountId: string): void => {
    this.account = accountId;
    this.page = 0;
  };

  search = (query: string): void => {
    this.query = query;
    this.page = 0;
  };
}

/**
 * The account audit, for the whole window: it keeps running (and its result stays) while the
 * person looks at other screens. Main holds the result too, and exports it from there.
 */
export class AuditRun {
  result = $state.raw<AuditResult | null>(null);
  /** The audit under way (`busy`), and why the last one failed. */
  readonly auditing = new Task<AuditResult>();
  progress = $state.raw<AuditProgress | null>(null);
  cancelling = $state(false);
  /** The last run was stopped: on request, or by a switch of account (`stoppedBySwitch`). */
  stopped = $state(false);
  stoppedBySwitch = $state(false);
  /** Saving the result as CSV; `value` is where it went. */
  readonly exporting = new Task<{ path: string } | null>();
  readonly view: AuditView;
  /** Which accounts the next run covers: the current one, or every signed-in account. */
  scope = $state<'current' | 'all'>('current');
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
    this.view = new AuditView(() => this.result);
  }

  /** The result covers more than one account: it shows an Account column and a summary each. */
  get severalAccounts(): boolean {
    return (this.result?.accounts?.length ?? 0) > 1;
  }

  /**
   * After signing out, main forgot the result (and stopped a run), and so does the window. After
   * switching account it kept an audit of every account (each row names its account).
   */
  forget = (why: SessionChange = 'signed-out'): void => {
    if (why === 'switched' && (this.auditing.busy ? this.scope === 'all' : this.severalAccounts)) {
      return;
    }
    this.result = null;
    this.scope = 'current';
    this.auditing.error = null;
    // A stop the switch itself caused stays said, whether its answer came before this or comes after.
    if (!(why === 'switched' && this.stoppedBySwitch)) {
      this.stopped = false;
      this.stoppedBySwitch = false;
    }
    this.exporting.reset();
  };

  /** The previous result main still holds (it forgets it on sign-out and sign-in). */
  loadLast = async (): Promise<void> => {
    if (this.auditing.busy) return;
    const answer = await call(() => this.#api.audit.last());
    if (answer.ok && !this.#running()) this.result = answer.value;
  };

  run = async (): Promise<void> => {
    if (this.auditing.busy) return;
    this.stopped = false;
    this.stoppedBySwitch = false;
    this.cancelling = false;
    this.exporting.reset();
    this.progress = { phase: 'generating-report', done: 0, total: null, slowedDown: false };
    this.#announcer.say('The audit has started.');
    const accounts = this.scope;
    const answer = this.auditing.run(() => this.#api.audit.run({ source: 'auto', accounts }), {
      handles: (error) => error.code === 'cancelled',
    });
    await this.#poll();
    const ended = await answer;
    this.progress = null;
    this.cancelling = false;
    if (ended.ok) {
      this.result = ended.value;
      this.view.page = 0;
      this.view.account = 'all';
      const { summary } = ended.value;
      this.#announcer.say(
        `The audit is done: ${plural(summary.users, 'person', 'people')}, ${plural(summary.keys, 'key')}, ` +
          `${plural(summary.flaggedUsers, 'person', 'people')} with something to look at.`,
      );
    } else if (ended.error.code === 'cancelled') {
      this.stopped = true;
      this.stoppedBySwitch = ended.error.details?.stoppedBy === 'account-switch';
      this.#announcer.say(
        this.stoppedBySwitch
          ? 'The audit was stopped because you switched to another AWS account.'
          : 'The audit was stopped.',
      );
    }
  };

  cancel = async (): Promise<void> => {
    if (!this.auditing.busy) return;
    this.cancelling = true;
    await call(() => this.#api.audit.cancel());
  };

  export = async (): Promise<void> => {
    this.exporting.reset();
    const answer = await this.exporting.run(() => this.#api.audit.export());
    if (!answer.ok) return;
    this.#announcer.say(
      answer.value === null
        ? 'Not saved: the save window was closed.'
        : 'The audit was saved as a CSV file.',
    );
  };

  /** Asks main how far the audit is, one request at a time, until it ends. */
  async #poll(): Promise<void> {
    let lastPhase: AuditPhase | null = null;
    let slowed = false;
    while (this.#running()) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (!this.#running()) return;
      const answer = await call(() => this.#api.audit.progress());
      if (!this.#running() || !answer.ok || !answer.value) continue;
      const progress = answer.value;
      this.progress = progress;
      if (progress.phase !== lastPhase) {
        lastPhase = progress.phase;
        this.#announcer.say(phaseText({ ...progress, done: 0, total: null }));
      }
      if (progress.slowedDown && !slowed) {
        this.#announcer.say('AWS asked Keyward to slow down. The audit is still going.');
      }
      slowed = progress.slowedDown;
    }
  }

  /** Read through a call: TypeScript would keep an `await`-spanning check of the field narrowed. */
  #running(): boolean {
    return this.auditing.busy;
  }
}

export const [getAuditRun, setAuditRun] = createContext<AuditRun>();
