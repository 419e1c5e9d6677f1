import { createContext } from 'svelte';
import type {
  BatchLock,
  BatchOutcome,
  BatchProgress,
  BatchResult,
} from '../../../../electron/common/batch';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { PublishedCode } from '../../../../electron/common/code-directory';
import type { BridgeError } from '../../../../electron/common/errors';
import { userNamePattern } from '../../../../electron/common/key-shapes';
import { call } from '../api';
import { plural } from '../format';
import type { Announcer } from './announcer.svelte';
import type { ClipboardTimer } from './clipboard-timer.svelte';
import { Task } from './task.svelte';

const pollMs = 300;
/** Published codes looked up at once: a list of 50 people is read quickly, within AWS's pace. */
const lookupsAtOnce = 4;

/** How one person's key file is to be locked, as the person at the window chose. */
export type LockChoice = 'published' | 'code' | 'passphrase';

/** What is known of a person's published receiving code. */
export type PublishedState =
  | { kind: 'looking' }
  | { kind: 'found'; code: PublishedCode }
  | { kind: 'none' }
  /** Keyward could not look (not allowed, offline): main looks again when the keys are made. */
  | { kind: 'unknown'; error: BridgeError };

export interface BatchEntry {
  userName: string;
  choice: LockChoice;
  /** The receiving code pasted for this person (choice 'code'). */
  pastedCode: string;
  published: PublishedState;
}

/**
 * User names in pasted text (a spreadsheet's column or row, an email's list). Line breaks, tabs
 * and semicolons always separate. IAM user names may contain commas (`ops,bot`) but never spaces,
 * so a comma separates only with a space beside it ("alice, bob") or at the start or end of a
 * line; between two name characters it stays in the name. The hint under the field says so.
 */
export function namesIn(text: string): string[] {
  return text
    .split(/[\t\r\n;]|\s*,\s+|\s+,\s*/)
    .map((name) => name.trim().replace(/^,+|,+$/g, ''))
    .filter((name) => name !== '');
}

/** What a person's lock says in the request main gets; null while something is missing. */
function lockOf(entry: BatchEntry): BatchLock | null {
  if (entry.choice === 'passphrase') return { kind: 'passphrase' };
  if (entry.choice === 'code') {
    const code = entry.pastedCode.trim();
    return code === '' ? null : { kind: 'code', code };
  }
  // The code the person at the window saw, with its check words, is the one sealed to.
  if (entry.published.kind === 'found') return { kind: 'code', code: entry.published.code.code };
  if (entry.published.kind === 'unknown') return { kind: 'published' };
  return null;
}

/**
 * "Create keys for N people": the list (pasted, or given by the People table), each person's
 * lock (their published code with its four check words, a pasted code, or a passphrase file),
 * the folder, the run with its progress, and the per-person results. Generated passphrases are
 * held here only, for the person to copy once.
 */
export class BatchRun {
  entries = $state<BatchEntry[]>([]);
  /** Names that could not be added, and why (not a user name, already listed). */
  notAdded = $state.raw<string[]>([]);
  folder = $state<string | null>(null);
  progress = $state.raw<BatchProgress | null>(null);
  readonly choosing = new Task<{ path: string } | null>();
  readonly creating = new Task<BatchResult>();
  readonly showing = new Task<null>();
  readonly copying = new Task<{ clearsInSeconds: number }>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  readonly #clipboard: ClipboardTimer;

  constructor(api: KeywardApi, announcer: Announcer, clipboard: ClipboardTimer) {
    this.#api = api;
    this.#announcer = announcer;
    this.#clipboard = clipboard;
  }

  /** The result of the last run; null before one. */
  get result(): BatchResult | null {
    return this.creating.value;
  }

  /** People whose lock is still missing (a code to paste). */
  get incomplete(): BatchEntry[] {
    return this.entries.filter((entry) => lockOf(entry) === null);
  }

  get ready(): boolean {
    return (
      this.entries.length > 0 &&
      this.folder !== null &&
      this.incomplete.length === 0 &&
      !this.entries.some((entry) => entry.published.kind === 'looking')
    );
  }

  /** Starts over with these people (the People table's "Create keys for N people"). */
  start = (names: readonly string[]): void => {
    this.entries = [];
    this.notAdded = [];
    // A batch still running goes on, and its results (passphrases shown only then) still appear.
    if (!this.creating.busy) {
      this.creating.reset();
      this.progress = null;
    }
    this.add(names);
  };

  /**
   * After signing out (or switching account): the list, the results and any passphrase still
   * shown go. Except while a batch runs: the key files it writes open only with passphrases shown
   * when it ends, so its list and results stay until the person starts over (main refuses the
   * people it had not reached yet, as the sign-in they were for has ended).
   */
  forget = (): void => {
    if (this.#running()) return;
    this.start([]);
    this.creating.reset();
    this.progress = null;
    this.folder = null;
    this.copying.reset();
  };

  /** Adds people by user name; their published codes are looked up. */
  add = (names: readonly string[]): void => {
    const listed = this.entries.map((entry) => entry.userName);
    const added: string[] = [];
    const refused: string[] = [];
    for (const name of names) {
      if (!userNamePattern.test(name)) refused.push(`“${name}” is not an IAM user name.`);
      else if (listed.includes(name)) refused.push(`${name} is already in the list.`);
      else {
        listed.push(name);
        added.push(name);
      }
    }
    this.notAdded = refused;
    this.entries = [
      ...this.entries,
      ...added.map((userName): BatchEntry => ({
        userName,
        choice: 'published',
        pastedCode: '',
        published: { kind: 'looking' },
      })),
    ];
    void this.#lookUp(added);
  };

  addPasted = (text: string): void => {
    this.add(namesIn(text));
  };

  remove = (userName: string): void => {
    this.entries = this.entries.filter((entry) => entry.userName !== userName);
  };

  choose = (userName: string, choice: LockChoice): void => {
    this.#update(userName, (entry) => ({ ...entry, choice }));
  };

  paste = (userName: string, code: string): void => {
    this.#update(userName, (entry) => ({ ...entry, pastedCode: code }));
  };

  chooseFolder = async (): Promise<void> => {
    const answer = await this.choosing.run(() => this.#api.batch.chooseFolder());
    if (answer.ok && answer.value) this.folder = answer.value.path;
  };

  run = async (): Promise<void> => {
    const folder = this.folder;
    if (this.creating.busy || folder === null) return;
    const people = this.entries.flatMap((entry) => {
      const lock = lockOf(entry);
      return lock ? [{ userName: entry.userName, lock, description: null }] : [];
    });
    if (people.length !== this.entries.length) return;
    this.progress = { finished: 0, total: people.length };
    this.showing.reset();
    this.#announcer.say(`Creating keys for ${plural(people.length, 'person', 'people')}…`);
    const answer = this.creating.run(() => this.#api.batch.run({ people, outDir: folder }));
    await this.#poll();
    const ended = await answer;
    this.progress = null;
    if (ended.ok) {
      const done = ended.value.people.filter((person) => person.status === 'done').length;
      const refused = ended.value.people.length - done;
      this.#announcer.say(
        refused === 0
          ? `Done: ${plural(done, 'key file')} written.`
          : `${plural(done, 'key file')} written; ${plural(refused, 'person', 'people')} got none. The table says why.`,
      );
    }
  };

  showInFolder = async (): Promise<void> => {
    await this.showing.run(() => this.#api.batch.showInFolder());
  };

  /** Copies one person's generated passphrase; main clears the clipboard later. */
  copyPassphrase = async (outcome: BatchOutcome): Promise<void> => {
    if (outcome.status !== 'done' || outcome.passphrase === null) return;
    const text = outcome.passphrase;
    const answer = await this.copying.run(() => this.#api.clipboard.copySensitive({ text }));
    if (answer.ok) {
      this.#clipboard.start(
        `batch-passphrase-${outcome.userName}`,
        answer.value.clearsInSeconds,
        `${outcome.userName}’s passphrase`,
      );
    }
  };

  #update(userName: string, change: (entry: BatchEntry) => BatchEntry): void {
    this.entries = this.entries.map((entry) =>
      entry.userName === userName ? change(entry) : entry,
    );
  }

  async #lookUp(names: string[]): Promise<void> {
    const queue = [...names];
    const lookOne = async () => {
      for (let userName = queue.shift(); userName !== undefined; userName = queue.shift()) {
        const name = userName;
        const answer = await call(() => this.#api.directory.lookup({ userName: name }));
        // A name with no IAM user (a typo, someone gone) is taken off the list at once, rather
        // than left to fail when the keys are made.
        if (!answer.ok && answer.error.code === 'not-found') {
          this.remove(name);
          this.notAdded = [
            ...this.notAdded,
            `There is no AWS user named ${name} in this account: check the spelling.`,
          ];
          continue;
        }
        const published: PublishedState = !answer.ok
          ? { kind: 'unknown', error: answer.error }
          : answer.value === null
            ? { kind: 'none' }
            : { kind: 'found', code: answer.value };
        this.#update(name, (entry) => ({
          ...entry,
          published,
          // Nothing published: a code is pasted (or a passphrase file chosen) instead.
          choice: entry.choice === 'published' && published.kind === 'none' ? 'code' : entry.choice,
        }));
      }
    };
    await Promise.all(Array.from({ length: lookupsAtOnce }, lookOne));
  }

  /** Asks main how far the batch is, one request at a time, until it ends. */
  async #poll(): Promise<void> {
    while (this.#running()) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (!this.#running()) return;
      const answer = await call(() => this.#api.batch.progress());
      if (this.#running() && answer.ok && answer.value) this.progress = answer.value;
    }
  }

  /** Read through a call: TypeScript would keep an `await`-spanning check of the field narrowed. */
  #running(): boolean {
    return this.creating.busy;
  }
}

export const [getBatchRun, setBatchRun] = createContext<BatchRun>();
