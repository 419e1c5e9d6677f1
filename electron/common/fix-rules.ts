// Which keys a bulk fix is about: main's preview and the window's button counts use the same
// rules, so the number on the button is the number the preview starts from.
import type { AuditKey, AuditRow, AuditResult } from './audit';
import type { AuditFixKind, FixPlanKey } from './audit-fix';
import { daysSince } from './key-rules';

/** A key the audit saw that matches a fix's rule; its id may still be unknown (credential report). */
export interface FixCandidate {
  /** The row's account, when the audit named it. */
  accountId: string | undefined;
  userName: string;
  key: AuditKey;
  idleDays: number;
  measuredFrom: FixPlanKey['measuredFrom'];
}

/**
 * Days a key has gone unused: since its last use, or since it was created when it never was.
 * Null when IAM has no record either way (the key is then left out rather than guessed about).
 */
export function idleDaysOf(
  key: Pick<AuditKey, 'lastUsed' | 'lastRotated'>,
  now: number,
): { idleDays: number; measuredFrom: FixPlanKey['measuredFrom'] } | null {
  if (key.lastUsed.kind === 'used') {
    return { idleDays: daysSince(key.lastUsed.date, now), measuredFrom: 'last-use' };
  }
  if (key.lastUsed.kind === 'never' && key.lastRotated !== null) {
    return { idleDays: daysSince(key.lastRotated, now), measuredFrom: 'creation' };
  }
  return null;
}

/** Whether a key in this state is one the fix is about, whatever its idle days. */
export function fixApplies(kind: AuditFixKind, active: boolean): boolean {
  return kind === 'deactivate-unused' ? active : !active;
}

/**
 * The audit's keys a fix would change: active keys unused for `days` (deactivate-unused), or
 * inactive keys unused for `days` (delete-inactive). Pure; keys with no record of use are counted
 * separately so the preview can say they were left out.
 */
export function fixCandidates(
  rows: readonly AuditRow[],
  kind: AuditFixKind,
  days: number,
  now: number,
): {
  candidates: FixCandidate[];
  noRecord: { accountId: string | undefined; userName: string; key: AuditKey }[];
} {
  const candidates: FixCandidate[] = [];
  const noRecord: { accountId: string | undefined; userName: string; key: AuditKey }[] = [];
  for (const row of rows) {
    const { accountId, userName } = row;
    for (const key of row.keys) {
      if (!fixApplies(kind, key.active)) continue;
      const idle = idleDaysOf(key, now);
      if (idle === null) noRecord.push({ accountId, userName, key });
      else if (idle.idleDays >= days) candidates.push({ accountId, userName, key, ...idle });
    }
  }
  return { candidates, noRecord };
}

/** The preview's sentence about what "N days" was measured from. */
export function measuredSentence(kind: AuditFixKind, days: number): string {
  const what = kind === 'deactivate-unused' ? 'Active keys' : 'Inactive keys';
  return (
    `${what} not used for ${String(days)} days or more, counted from each key’s last use, ` +
    'or from the day it was created if it was never used.'
  );
}

/**
 * How many keys a fix would start from, before main looks again: the audit's candidates, less
 * the key each account is signed in with (never in a plan). Keys the audit saw without an id
 * (credential report) are counted; the preview then says exactly which.
 */
export function fixCount(
  audit: Pick<AuditResult, 'rows' | 'accountId'>,
  kind: AuditFixKind,
  days: number,
  signedIn: readonly { accountId: string; accessKeyId: string | null }[],
  now: number,
): number {
  const ownKeys = new Set(signedIn.map((s) => `${s.accountId}\n${s.accessKeyId}`));
  return fixCandidates(audit.rows, kind, days, now).candidates.filter(
    ({ accountId, key }) =>
      key.accessKeyId === null ||
      !ownKeys.has(`${accountId ?? audit.accountId}\n${key.accessKeyId}`),
  ).length;
}
