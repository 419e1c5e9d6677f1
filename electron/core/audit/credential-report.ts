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
  const { header, records } = readHeader(csv);
  const users: AuditedUser[] = [];
  let rootAccount: RootAccountStatus | null = null;
  for (const record of records) {
    const cell = cellReader(header, record);
    const userName = text(cell('user'));
    if (userName === null) continue;
    if (userName === rootUser) {
      rootAccount = rootAccountOf(cell, now);
      continue;
    }
    users.push(userOf(cell, userName, now));
  }
  return { users, rootAccount };
}

/**
 * Whether a key the report dated `reported` (its `last_rotated`, the key's creation) is the key
 * IAM's own listing says was created at `listed`: the report gives the time to the second, the
 * listing to the millisecond. The report names no keys, so this is how its keys are found.
 */
export function createdTogether(reported: string | null, listed: string | Date): boolean {
  if (reported === null) return false;
  const at = typeof listed === 'string' ? Date.parse(listed) : listed.getTime();
  return Math.abs(Date.parse(reported) - at) < 2_000;
}

/** A report's users by lower-cased name, each worked out only when asked for. */
export interface CredentialReportIndex {
  get(lowerCaseUserName: string): AuditedUser | undefined;
}

/**
 * As parseCredentialReport, but a user's row is only split into fields here and worked out (dates,
 * keys, use) when `get` asks for it: the People table needs its first page's hundred people from a
 * 10,000-user report at once, and the rest as their names arrive.
 */
export function indexCredentialReport(csv: string, now = Date.now()): CredentialReportIndex {
  const { header, records } = readHeader(csv);
  const userColumn = header.get('user') ?? 0;
  const byName = new Map<string, string[]>();
  for (const record of records) {
    const userName = (record[userColumn] ?? '').trim();
    if (userName !== '' && userName !== rootUser) byName.set(userName.toLowerCase(), record);
  }
  return {
    get(lowerCaseUserName) {
      const record = byName.get(lowerCaseUserName);
      if (!record) return undefined;
      const cell = cellReader(header, record);
      return userOf(cell, text(cell('user')) ?? lowerCaseUserName, now);
    },
  };
}

type CellReader = (name: string) => Cell;

/** The header's columns by name, after the checks every report passes; the records follow it. */
function readHeader(csv: string): { header: Map<string, number>; records: Generator<string[]> } {
  const records = csvRecords(csv);
  const first = records.next();
  const names = first.done ? undefined : first.value;
  if (!names) throw new CredentialReportFormatError('The credential report is empty.');
  const header = new Map(names.map((name, i) => [name.trim(), i]));
  const missing = requiredColumns.filter((name) => !header.has(name));
  if (missing.length > 0) {
    throw new CredentialReportFormatError(
      `The credential report has no ${missing.join(', ')} column.`,
    );
  }
  // Backstop for "no secrets, ever": IAM's report has none, and an audit must not start holding one.
  if (names.some((name) => /secret/i.test(name))) {
    throw new CredentialReportFormatError(
      'The credential report has a column named like a secret.',
    );
  }
  return { header, records };
}

function cellReader(header: Map<string, number>, record: readonly string[]): CellReader {
  return (name) => {
    const raw = (record[header.get(name) ?? -1] ?? 'N/A').trim();
    return placeholders.has(raw) ? { placeholder: raw as Placeholder } : { value: raw };
  };
}

function userOf(cell: CellReader, userName: string, now: number): AuditedUser {
  return {
    userName,
    arn: text(cell('arn')) ?? '',
    userCreated: timestamp(cell('user_creation_time')),
    keys: keysOf(cell, now),
  };
}

function rootAccountOf(cell: CellReader, now: number): RootAccountStatus {
  return {
    activeKeys: keysOf(cell, now).filter((key) => key.active).length,
    mfaActive: flag(cell('mfa_active')) ?? false,
  };
}

function keysOf(cell: CellReader, now: number): AuditKey[] {
  return [keyOf(cell, 1, now), keyOf(cell, 2, now)].filter((key) => key !== null);
}

function keyOf(cell: CellReader, slot: 1 | 2, now: number): AuditKey | null {
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
