// Fixing what the audit found, in bulk: the plan a person previews, then the per-key results.
// Plain, serialisable data: it crosses the bridge to the window and prints as the CLI's --json.

/** The two bulk fixes, named as the command line spells them. */
export const auditFixKinds = ['deactivate-unused', 'delete-inactive'] as const;
export type AuditFixKind = (typeof auditFixKinds)[number];

/** The longest "unused for N days" a fix accepts: ten years. */
export const maxFixDays = 3650;

/** One key a fix would change, as it stood when the plan was made. */
export interface FixPlanKey {
  /** The key's AWS account (an audit may cover several); the plan's own when absent. */
  accountId?: string;
  userName: string;
  accessKeyId: string;
  /** ISO 8601. */
  created: string;
  ageDays: number;
  /** When the key was last used (ISO 8601), or null for never. */
  lastUsed: string | null;
  /** Days since the last use, or since creation for a key never used: what the fix measured. */
  idleDays: number;
  measuredFrom: 'last-use' | 'creation';
}

/** A key the fix would have included but leaves alone, with why in plain words. */
export interface FixExcludedKey {
  accountId?: string;
  userName: string;
  accessKeyId: string | null;
  why: string;
}

export interface AuditFixPlan {
  /** Names this preview for `apply`: the keys never travel back from the window. */
  id: string;
  kind: AuditFixKind;
  days: number;
  accountId: string;
  keys: FixPlanKey[];
  excluded: FixExcludedKey[];
  /** What was measured, in one plain sentence (e.g. "days since last use, or since creation"). */
  measured: string;
  /** What the person types to confirm: the number of keys. */
  confirmation: string;
}

export type FixKeyOutcome =
  | { outcome: 'done' }
  /** Not changed on purpose: the key changed since the preview, say. */
  | { outcome: 'skipped'; why: string }
  /** `code` is the error's kind (electron/common/errors.ts), e.g. 'access-denied'. */
  | { outcome: 'failed'; why: string; code: string };

export type FixKeyResult = {
  accountId?: string;
  userName: string;
  accessKeyId: string;
  at: string;
} & FixKeyOutcome;

export interface AuditFixResult {
  planId: string;
  kind: AuditFixKind;
  days: number;
  keys: FixKeyResult[];
  done: number;
  skipped: number;
  failed: number;
}

/** What the window shows while a preview or a fix runs. */
export interface AuditFixProgress {
  phase: 'previewing' | 'fixing';
  done: number;
  total: number;
  /** AWS asked Keyward to slow down recently; the fix carries on more slowly, nothing fails. */
  slowedDown: boolean;
}
