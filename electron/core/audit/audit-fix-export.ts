import type { AuditFixPlan, AuditFixResult } from '../../common/audit-fix';
import { formatCsv, neutraliseFormula } from '../csv';
import { writeFileAtomic } from '../files/atomic-write';
import { log } from '../log';
import type { Platform } from '../platform';

export const auditFixCsvColumns = [
  'user',
  'access_key_id',
  'action',
  'result',
  'why',
  'key_created',
  'key_age_days',
  'last_used',
  'days_unused',
  'days_counted_from',
  'at',
] as const;

/**
 * What a fix changed, one row per key of the plan, as CSV text. Cells are neutralised as the
 * audit export's are: IAM user names may start with = + - or @.
 */
export function auditFixToCsv(plan: AuditFixPlan, result: AuditFixResult): string {
  const planned = new Map(plan.keys.map((key) => [key.accessKeyId, key]));
  const action = plan.kind === 'deactivate-unused' ? 'deactivate' : 'delete';
  const records = result.keys.map((key) => {
    const known = planned.get(key.accessKeyId);
    return [
      key.userName,
      key.accessKeyId,
      action,
      key.outcome,
      key.outcome === 'done' ? '' : key.why,
      known?.created ?? '',
      known ? String(known.ageDays) : '',
      known ? (known.lastUsed ?? 'never') : '',
      known ? String(known.idleDays) : '',
      known?.measuredFrom ?? '',
      key.at,
    ];
  });
  return formatCsv([
    [...auditFixCsvColumns],
    ...records.map((cells) => cells.map(neutraliseFormula)),
  ]);
}

/** Asks where to save, then writes the CSV (UTF-8 with a byte-order mark, as the audit export). */
export async function exportAuditFixCsv(
  platform: Platform,
  plan: AuditFixPlan,
  result: AuditFixResult,
): Promise<string | null> {
  const file = await platform.showSaveDialog({
    title: 'Save a CSV of what changed',
    defaultName: `keyward-${plan.kind}-${plan.accountId}-${new Date().toISOString().slice(0, 10)}.csv`,
    filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
  });
  if (file === null) return null;
  await writeFileAtomic(file, `\uFEFF${auditFixToCsv(plan, result)}`);
  log('audit', `saved the fix's ${String(result.keys.length)} rows`);
  return file;
}
