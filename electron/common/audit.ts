// The audit's results as plain, serialisable data: they cross the bridge to the UI as they are.

/** How a key has been used, as far as IAM knows. */
export type KeyUse =
  | { kind: 'used'; date: string; service: string | null; region: string | null }
  | { kind: 'never' }
  /** IAM has no record (its `no_information`), or Keyward was not allowed to read it. */
  | { kind: 'unknown' };

/** One of a user's (at most two) access keys. Never a secret: IAM never reports those. */
export interface AuditKey {
  /** IAM's numbering in the credential report: 1 is the older key, 2 the newer. */
  slot: 1 | 2;
  /** Known from the per-user audit only: the credential report does not name keys. */
  accessKeyId: string | null;
  active: boolean;
  /** When the key was created (IAM calls it "last rotated"), ISO 8601; null if IAM did not say. */
  lastRotated: string | null;
  ageDays: number | null;
  lastUsed: KeyUse;
}

/** Stable ids: the UI keys its filters, icons and help text on these. */
export const auditFlagIds = [
  'key-older-than-limit',
  'key-never-used',
  'key-unused',
  'key-inactive',
  'two-active-keys',
  'new-user',
  'keys-unreadable',
] as const;
export type AuditFlagId = (typeof auditFlagIds)[number];

export interface AuditFlag {
  id: AuditFlagId;
  /** The key the flag is about; null when it is about the user (two active keys, new user). */
  slot: 1 | 2 | null;
  /** One plain sentence or two: what is wrong and what to do. */
  explanation: string;
}

export interface AuditRow {
  userName: string;
  /** The AWS account the user is in, in an audit of several accounts (else the result's). */
  accountId?: string;
  /** That account's alias in IAM, when it has one. */
  accountAlias?: string | null;
  arn: string;
  /** ISO 8601; null when IAM did not say. */
  userCreated: string | null;
  /** 0, 1 or 2 keys, in slot order. */
  keys: AuditKey[];
  flags: AuditFlag[];
}

/** The account's root user: not a person Keyward manages, but keys on it are the worst risk. */
export interface RootAccountStatus {
  activeKeys: number;
  mfaActive: boolean;
}

export interface AuditSummary {
  users: number;
  usersWithKeys: number;
  keys: number;
  activeKeys: number;
  /** Users with at least one flag. */
  flaggedUsers: number;
  /** How many flags of each kind. */
  flags: Record<AuditFlagId, number>;
  /** The thresholds the flags used. */
  staleKeyDays: number;
  unusedKeyDays: number;
  /**
   * True when no earlier audit of this account was remembered: nobody is flagged as new, and this
   * audit's users become the list later audits compare with.
   */
  firstAudit: boolean;
  /** From the credential report only; the per-user audit cannot see the root user. */
  rootAccount: RootAccountStatus | null;
}

export type AuditSource = 'credential-report' | 'per-user';

/** One account's part of an audit (an audit may cover every signed-in account). */
export interface AuditAccountPart {
  accountId: string;
  accountAlias: string | null;
  source: AuditSource;
  summary: AuditSummary;
}

export interface AuditResult {
  /** The current account's id (the first of `accounts`). */
  accountId: string;
  /** Each account audited, the current one first; absent in results from before several accounts. */
  accounts?: AuditAccountPart[];
  source: AuditSource;
  /** When the data was gathered: the report's generation time, or the end of the per-user run. */
  generatedAt: string;
  rows: AuditRow[];
  summary: AuditSummary;
  /** IAM requests the audit made, retries included. */
  requests: number;
  durationMs: number;
}

export type AuditPhase =
  'generating-report' | 'downloading-report' | 'listing-users' | 'reading-keys' | 'checking';

/** What the UI shows while an audit runs. `total` is null while it is not yet known. */
export interface AuditProgress {
  phase: AuditPhase;
  done: number;
  total: number | null;
  /** AWS asked Keyward to slow down recently; the audit carries on more slowly. */
  slowedDown: boolean;
}
