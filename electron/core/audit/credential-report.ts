import { ageInDays } from '../aws/key-age';
import type { AuditKey, KeyUse, RootAccountStatus } from '../../common/audit';
import { csvRecords } from '../csv';

/** A user as the audit sees one, before the flags are worked out. */
export interface AuditedUser {
  userName: string;
  arn: string;
  userCreated: string | null;
  keys: AuditKey[];
}

export interface ParsedCredentialReport {
  users: AuditedUser[];
  /** Null when the report had no `<root_account>` row. */
  rootAccount: RootAccountStatus | null;
}

export class CredentialReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialReportFormatError';
  }
}

const rootUser = '<root_account>';

const keyColumns = (slot: 1 | 2) =>
  [
    `access_key_${slot}_active`,
    `access_key_${slot}_last_rotated`,
    `access_key_${slot}_last_used_date`,
    `access_key_${slot}_last_used_region`,
    `access_key_${slot}_last_used_service`,
  ] as const;

/** The columns the audit reads, by AWS's names; the report has more (passwords, certificates). */
const requiredColumns = ['user', 'arn', ...keyColumns(1), ...keyColumns(2)] as const;

/**
 * IAM's placeholders: `N/A` (nothing to report: no key, or never used), `not_supported` (the
 * field does not apply, e.g. the root user's password columns) and `no_information` (IAM has no
 * record, e.g. use before IAM began tracking it).
 */
type Placeholder = 'N/A' | 'not_supported' | 'no_information';
const placeholders = new Set<string>(['N/A', 'not_supported', 'no_information']);

type Cell = { value: string } | { placeholder: Placeholder };

/**
 * Parses the CSV of GetCredentialReport (already base64-decoded) by AWS's column names, so a new
 * column AWS adds, or a different order, changes nothing.
 */
export function parseCredentialReport(csv: string, now = Date.now()): ParsedCredentialReport {
  const records = csvRecords(csv);
  const first = records.next();
  const header = first.done ? undefined : first.value;
  if (!header) throw new CredentialReportFormatError('The credential report is empty.');
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = requiredColumns.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw new CredentialReportFormatError(
      `The credential report has no ${missing.join(', ')} column.`,
    );
  }
  // Backstop for "no secrets, ever": IAM's report has none, and an audit must not start holding one.
  if (header.some((name) => /secret/i.test(name))) {
    throw new CredentialReportFormatError(
      'The credential report has a column named like a secret.',
    );
  }

  const users: AuditedUser[] = [];
  let rootAccount: RootAccountStatus | null = null;
  for (const record of records) {
    const cell = (name: string): Cell => {
      const raw = (record[index.get(name) ?? -1] ?? 'N/A').trim();
      return placeholders.has(raw) ? { placeholder: raw as Placeholder } : { value: raw };
    };
    const userName = text(cell('user'));
    if (userName === null) continue;
    const keys = [keyOf(cell, 1, now), keyOf(cell, 2, now)].filter((key) => key !== null);
    if (userName === rootUser) {
      rootAccount = {
        activeKeys: keys.filter((key) => key.active).length,
        mfaActive: flag(cell('mfa_active')) ?? false,
      };
      continue;
    }
    users.push({
      userName,
      arn: text(cell('arn')) ?? '',
      userCreated: timestamp(cell('user_creation_time')),
      keys,
    });
  }
  return { users, rootAccount };
}

function keyOf(cell: (name: string) => Cell, slot: 1 | 2, now: number): AuditKey | null {
  const [activeCol, rotatedCol, usedDateCol, usedRegionCol, usedServiceCol] = keyColumns(slot);
  const active = flag(cell(activeCol)) ?? false;
  const lastRotated = timestamp(cell(rotatedCol));
  // An inactive slot with no creation date is an empty slot: the user has fewer keys.
  if (!active && lastRotated === null) return null;
  return {
    slot,
    accessKeyId: null,
    active,
    lastRotated,
    ageDays: lastRotated === null ? null : ageInDays(lastRotated, now),
    lastUsed: use(cell(usedDateCol), cell(usedServiceCol), cell(usedRegionCol)),
  };
}

function use(date: Cell, service: Cell, region: Cell): KeyUse {
  if ('placeholder' in date) {
    // N/A next to a key that exists means the key was never used; no_information means IAM cannot say.
    return date.placeholder === 'N/A' ? { kind: 'never' } : { kind: 'unknown' };
  }
  const when = timestamp(date);
  if (when === null) return { kind: 'unknown' };
  return { kind: 'used', date: when, service: text(service), region: text(region) };
}

function text(cell: Cell): string | null {
  return 'value' in cell && cell.value !== '' ? cell.value : null;
}

/** IAM writes `true`/`false` (its documentation shows TRUE/FALSE). */
function flag(cell: Cell): boolean | null {
  if (!('value' in cell)) return null;
  const lower = cell.value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : null;
}

/** ISO 8601 with an offset (`2025-06-01T12:00:00+00:00`), normalised to UTC `…Z`. */
function timestamp(cell: Cell): string | null {
  if (!('value' in cell)) return null;
  const ms = Date.parse(cell.value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
