// The People table's rows as plain, serialisable data: they cross the bridge as they are.
import type { AuditFlagId } from './audit';
import type { BridgeError } from './errors';

/** When a person's keys were last used: the latest use of any of their keys. */
export type PersonLastUse =
  | { kind: 'used'; date: string }
  | { kind: 'never' }
  /** IAM has no record, or Keyward was not allowed to read it. */
  | { kind: 'unknown' }
  | { kind: 'no-keys' };

/** A row's columns: not read yet, read, or not readable (and why, in plain words). */
export type PersonCells =
  | { state: 'loading' }
  | { state: 'unreadable'; why: string }
  | {
      state: 'read';
      activeKeys: number;
      inactiveKeys: number;
      /** Age in days of the oldest active key; null without an active key (or a date). */
      oldestActiveKeyDays: number | null;
      lastUsed: PersonLastUse;
      /** The audit's flags for this person and their keys, each id once. */
      flags: AuditFlagId[];
    };

export interface PersonRow {
  userName: string;
  /** IAM's path, "/" for most people. */
  path: string;
  cells: PersonCells;
}

/** Where the columns come from: one credential report for everyone, or each person's keys. */
export type PeopleSource = 'credential-report' | 'per-user';

export type PeopleListing =
  | { state: 'reading'; listed: number }
  | { state: 'done'; listed: number }
  | { state: 'failed'; listed: number; error: BridgeError };

export interface PeopleFilling {
  /** Null until Keyward knows whether the credential report is allowed. */
  source: PeopleSource | null;
  state: 'reading' | 'done';
  /** Rows whose columns are read (or known to be unreadable). */
  filled: number;
  /** AWS asked Keyward to slow down recently; the table fills more slowly. */
  slowedDown: boolean;
  /** When AWS made the credential report the columns come from (ISO 8601). */
  reportGeneratedAt: string | null;
  /** The thresholds the flags used, for their labels. */
  staleKeyDays: number;
  unusedKeyDays: number;
}

/** One table being read: rows added or changed since the version the window already has. */
export interface PeopleChanges {
  run: number;
  version: number;
  rows: PersonRow[];
  listing: PeopleListing;
  filling: PeopleFilling;
}
