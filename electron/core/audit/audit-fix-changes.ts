import type { AuditResult } from '../../common/audit';
import type { AuditFixPlan, AuditFixResult } from '../../common/audit-fix';
import type { AuditKeyChange } from './audit-row-change';
import { createdTogether } from './credential-report';

/**
 * What a carried-out fix changed, as changes to the audit it started from, so the audit's rows,
 * flags and summary show them without auditing again. A key the audit knew only by creation
 * date (the credential report gives no key ids) is found by that date.
 */
export function auditChangesOfFix(
  audit: AuditResult,
  plan: AuditFixPlan,
  result: AuditFixResult,
): AuditKeyChange[] {
  const change = plan.kind === 'deactivate-unused' ? 'deactivated' : 'deleted';
  const changes: AuditKeyChange[] = [];
  for (const done of result.keys) {
    if (done.outcome !== 'done') continue;
    const account = done.accountId ?? audit.accountId;
    const planned = plan.keys.find(
      (key) =>
        key.accessKeyId === done.accessKeyId && (key.accountId ?? plan.accountId) === account,
    );
    const row = audit.rows.find(
      (r) => r.userName === done.userName && (r.accountId ?? audit.accountId) === account,
    );
    const seen = row?.keys.find((key) =>
      key.accessKeyId !== null
        ? key.accessKeyId === done.accessKeyId
        : planned !== undefined && createdTogether(key.lastRotated, planned.created),
    );
    if (!seen) continue;
    changes.push({
      ...(done.accountId !== undefined && { accountId: done.accountId }),
      userName: done.userName,
      slot: seen.slot,
      accessKeyId: done.accessKeyId,
      change,
    });
  }
  return changes;
}
