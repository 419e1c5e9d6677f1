import type { AuditKey, AuditResult, AuditRow, AuditSummary } from '../../common/audit';
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
  const index = rowIndexOf(result, change.accountId ?? result.accountId, change.userName);
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
  return withRowKeys(result, index, keys, now);
}

/** The row at `index` of `result` with `keys` as its keys now, its flags and the summary again. */
export function withRowKeys(
  result: AuditResult,
  index: number,
  keys: AuditKey[],
  now: number,
): AuditResult {
  const row = result.rows[index];
  if (!row) return result;
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
  return withRows(result, result.rows.with(index, changed), rowAccountOf(result, row));
}

/** `result` without the row at `index` (the person was deleted from AWS), the summary again. */
export function withoutRow(result: AuditResult, index: number): AuditResult {
  const row = result.rows[index];
  if (!row) return result;
  return withRows(
    result,
    result.rows.filter((_, i) => i !== index),
    rowAccountOf(result, row),
  );
}

/** The row's index in `result`, or -1: by account (the result's own when absent) and user name. */
export function rowIndexOf(result: AuditResult, accountId: string, userName: string): number {
  return result.rows.findIndex(
    (row) => row.userName === userName && rowAccountOf(result, row) === accountId,
  );
}

const rowAccountOf = (result: AuditResult, row: AuditRow) => row.accountId ?? result.accountId;

/** `result` with `rows`, its summary (and `account`'s part's) worked out again. */
function withRows(result: AuditResult, rows: AuditRow[], account: string): AuditResult {
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
    summary: summaryOf(result.summary, rows),
    ...(result.accounts && {
      accounts: result.accounts.map((part) =>
        part.accountId === account
          ? {
              ...part,
              summary: summaryOf(
                part.summary,
                rows.filter((r) => rowAccountOf(result, r) === account),
              ),
            }
          : part,
      ),
    }),
  };
}
