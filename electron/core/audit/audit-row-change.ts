import type { AuditResult, AuditRow, AuditSummary } from '../../common/audit';
import { flagUsers, summarize } from './audit-flags';

/** A key changed from its audit row (deactivated, activated or deleted) after the audit ran. */
export interface AuditKeyChange {
  /** The row's account; the audit's own when absent (one account audited). */
  accountId?: string;
  userName: string;
  /** The key as the audit numbered it. */
  slot: 1 | 2;
  /** Its id, now known even when the credential report did not name it. */
  accessKeyId: string;
  change: 'activated' | 'deactivated' | 'deleted';
}

/**
 * The audit as it stands after one key changed, without asking AWS again: the row's key takes
 * its new state, and the row's flags and the summary are worked out again by the same rules the
 * audit used. Whether the person was "new" and whether their keys were readable do not change.
 * Pure; an unknown row or key leaves the result as it was.
 */
export function withKeyChanged(
  result: AuditResult,
  change: AuditKeyChange,
  now: number,
): AuditResult {
  const rowAccount = (row: AuditRow) => row.accountId ?? result.accountId;
  const account = change.accountId ?? result.accountId;
  const index = result.rows.findIndex(
    (row) => row.userName === change.userName && rowAccount(row) === account,
  );
  const row = result.rows[index];
  if (!row?.keys.some((key) => key.slot === change.slot)) return result;

  const keys =
    change.change === 'deleted'
      ? row.keys.filter((key) => key.slot !== change.slot)
      : row.keys.map((key) =>
          key.slot === change.slot
            ? { ...key, accessKeyId: change.accessKeyId, active: change.change === 'activated' }
            : key,
        );
  const hadFlag = (id: string) => row.flags.some((flag) => flag.id === id);
  const { summary } = result;
  const rules = { staleKeyDays: summary.staleKeyDays, unusedKeyDays: summary.unusedKeyDays, now };
  const [changed] = flagUsers([{ ...row, keys }], {
    ...rules,
    // "New" was decided against the audit before; it stays as it was while the person has keys.
    seenBefore: hadFlag('new-user') ? new Set<string>() : null,
    unreadable: hadFlag('keys-unreadable') ? new Set([row.userName]) : new Set<string>(),
  });
  if (!changed) return result;
  const rows = result.rows.with(index, changed);
  const summaryOf = (of: AuditSummary, inRows: readonly AuditRow[]) =>
    summarize(inRows, {
      staleKeyDays: of.staleKeyDays,
      unusedKeyDays: of.unusedKeyDays,
      firstAudit: of.firstAudit,
      rootAccount: of.rootAccount,
    });
  return {
    ...result,
    rows,
    summary: summaryOf(summary, rows),
    ...(result.accounts && {
      accounts: result.accounts.map((part) =>
        part.accountId === account
          ? {
              ...part,
              summary: summaryOf(
                part.summary,
                rows.filter((r) => rowAccount(r) === account),
              ),
            }
          : part,
      ),
    }),
  };
}
