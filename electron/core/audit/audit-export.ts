import { writeFileAtomic } from '../files/atomic-write';
import { log } from '../log';
import type { Platform } from '../platform';
import type { AuditKey, AuditResult, KeyUse } from '../../common/audit';
import { formatCsv, neutraliseFormula } from '../csv';
import { secretAccessKeyPattern } from '../../common/key-shapes';

const keyColumns = (slot: 1 | 2) => [
  `access_key_${slot}_id`,
  `access_key_${slot}_active`,
  `access_key_${slot}_last_rotated`,
  `access_key_${slot}_age_days`,
  `access_key_${slot}_last_used_date`,
  `access_key_${slot}_last_used_service`,
  `access_key_${slot}_last_used_region`,
];

/** Column names follow the credential report's where they mean the same thing. */
export const auditCsvColumns = [
  'user',
  'arn',
  'user_creation_time',
  ...keyColumns(1),
  ...keyColumns(2),
  'flags',
  'explanation',
] as const;

// The shapes that must never appear in an export, whatever bug put them there.
const accessKeyIdShape = /^[A-Z0-9]{16,128}$/;

/** Added at the end when the audit covered several accounts. */
export const auditCsvAccountColumns = ['account_id', 'account_alias'] as const;

/**
 * The audit as CSV text: one row per user, with no secret in it (there is none to put). An audit
 * of several accounts adds each row's account.
 */
export function auditToCsv(result: AuditResult): string {
  const several = (result.accounts?.length ?? 0) > 1;
  const records = result.rows.map((row) => [
    row.userName,
    row.arn,
    row.userCreated ?? '',
    ...keyCells(row.keys.find((key) => key.slot === 1)),
    ...keyCells(row.keys.find((key) => key.slot === 2)),
    row.flags.map((flag) => (flag.slot === null ? flag.id : `${flag.id}(${flag.slot})`)).join(' '),
    row.flags.map((flag) => flag.explanation).join(' '),
    ...(several ? [row.accountId ?? '', row.accountAlias ?? ''] : []),
  ]);
  assertNoSecrets(records);
  const header = [...auditCsvColumns, ...(several ? auditCsvAccountColumns : [])];
  return formatCsv([header, ...records.map((cells) => cells.map(neutraliseFormula))]);
}

function keyCells(key: AuditKey | undefined): string[] {
  if (!key) return ['', '', '', '', '', '', ''];
  const used = usedCells(key.lastUsed);
  return [
    // Empty from the credential report, which names no keys (see keyName in audit-flags.ts for
    // why the ids are not joined); last_rotated, the creation date, tells the two keys apart.
    key.accessKeyId ?? '',
    key.active ? 'true' : 'false',
    key.lastRotated ?? '',
    key.ageDays === null ? '' : String(key.ageDays),
    ...used,
  ];
}

function usedCells(use: KeyUse): [string, string, string] {
  switch (use.kind) {
    case 'used':
      return [use.date, use.service ?? '', use.region ?? ''];
    case 'never':
      return ['never', '', ''];
    case 'unknown':
      return ['unknown', '', ''];
  }
}

/**
 * A bug that put a secret access key into a row must not reach a file. User names and ARNs are
 * skipped: they are IAM names (an ARN starts with `arn:`), and a 40-letter user name is legal.
 */
function assertNoSecrets(records: readonly string[][]): void {
  const keyIdColumns = new Set([3, 3 + 7]);
  for (const cells of records) {
    cells.forEach((cell, column) => {
      if (column < 2 || cell === '') return;
      if (
        keyIdColumns.has(column) ? !accessKeyIdShape.test(cell) : secretAccessKeyPattern.test(cell)
      ) {
        throw new Error('Refusing to export: a cell has the shape of a secret access key.');
      }
    });
  }
}

/**
 * Asks where to save, then writes the CSV atomically (a byte-order mark first, so spreadsheet
 * programs read it as UTF-8). Resolves to the path, or null when the person cancelled.
 */
export async function exportAuditCsv(
  platform: Platform,
  result: AuditResult,
): Promise<string | null> {
  const day = result.generatedAt.slice(0, 10);
  const file = await platform.showSaveDialog({
    title: 'Export the key audit',
    defaultName: `keyward-audit-${result.accountId}-${day}.csv`,
    filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
  });
  if (file === null) return null;
  await writeFileAtomic(file, `\uFEFF${auditToCsv(result)}`);
  log('audit', `exported ${result.rows.length} rows`);
  return file;
}
