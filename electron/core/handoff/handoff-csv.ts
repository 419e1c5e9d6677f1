import { CsvSyntaxError, couldRunAsFormula, formatCsv, parseCsvRecords } from '../csv';
import { HandoffError } from './handoff-error';
import type { HandoffKeySummary } from '../../common/domain';
import {
  accessKeyIdPattern,
  accountIdPattern,
  secretAccessKeyPattern,
  userNamePattern,
} from '../../common/key-shapes';

export type { HandoffKeySummary };

/**
 * The plaintext inside a hand-off file: CSV, so `age -d` gives a file a person recognises.
 *
 * Columns, in this order (the header row is exactly these names):
 *   Access key ID      AKIA… or ASIA… and 16 more of A–Z, 0–9   } exactly the IAM console's
 *   Secret access key  40 characters of A–Z, a–z, 0–9, / and +  } "Download .csv file"
 *   User name          the IAM user the key belongs to (IAM's rules: 1–64 of A–Z a–z 0–9 _+=,.@-)
 *   Account ID         the 12-digit AWS account id
 *   Description        free text, may be empty, at most 256 characters, one line
 *   Created            when AWS created the key, ISO 8601 in UTC (2025-01-31T09:30:00Z)
 * One row per key, at most `maxHandoffKeys`. Records end in CRLF; fields are quoted per RFC 4180.
 *
 * Spreadsheet formula injection: a cell starting with = + - or @ runs as a formula when the CSV is
 * opened in a spreadsheet, and a spreadsheet set to split at semicolons starts a cell after every
 * `;` (see couldRunAsFormula). The description is the only free-text column, so a description that
 * starts like a formula, or has one after a semicolon, is refused (in both directions) rather than
 * silently altered with an apostrophe, which would change the text on every round trip. The other
 * columns keep the console's exact bytes: their alphabets have no spaces, quotes, semicolons,
 * parentheses or pipes, so at worst a secret starting with + reads as arithmetic, never as a
 * function call or an external command.
 */
export interface ConsoleKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface HandoffKey extends ConsoleKey {
  userName: string;
  accountId: string;
  description: string;
  /** ISO 8601, UTC. */
  created: string;
}

/** What a hand-off contains: Keyward's full rows, or the console's own two-column download. */
export type HandoffContents =
  { layout: 'keyward'; keys: HandoffKey[] } | { layout: 'iam-console'; keys: ConsoleKey[] };

export const maxHandoffKeys = 10;
export const maxDescriptionLength = 256;
/** Ten full rows take under 8 KiB; anything much larger is not a hand-off. */
export const maxHandoffCsvBytes = 32 * 1024;

const consoleColumns = ['Access key ID', 'Secret access key'] as const;
const keywardColumns = [
  ...consoleColumns,
  'User name',
  'Account ID',
  'Description',
  'Created',
] as const;

const isoUtcShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
// Control characters break the one-line layout; bidirectional overrides can make a description
// read differently from what it says.
const unsafeTextShape = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

type Problem = string | null;

function accessKeyIdProblem(value: string): Problem {
  return accessKeyIdPattern.test(value)
    ? null
    : 'the access key ID is not valid (it should be AKIA or ASIA followed by 16 capital letters or digits)';
}

function secretProblem(value: string): Problem {
  return secretAccessKeyPattern.test(value)
    ? null
    : 'the secret access key is not valid (it should be 40 letters, digits, / or +)';
}

function userNameProblem(value: string): Problem {
  return userNamePattern.test(value)
    ? null
    : 'the user name is not a valid IAM user name (1 to 64 letters, digits or _+=,.@-)';
}

function accountIdProblem(value: string): Problem {
  return accountIdPattern.test(value) ? null : 'the account ID is not 12 digits';
}

function descriptionProblem(value: string): Problem {
  if (Array.from(value).length > maxDescriptionLength) {
    return `the description is longer than ${maxDescriptionLength} characters`;
  }
  if (unsafeTextShape.test(value))
    return 'the description contains line breaks or control characters';
  if (couldRunAsFormula(value)) {
    return value.includes(';') && !couldRunAsFormula(value.split(';')[0] ?? '')
      ? 'the description has =, +, - or @ just after a semicolon, which spreadsheets would run as a formula'
      : 'the description starts with =, +, - or @, which spreadsheets would run as a formula';
  }
  return null;
}

function createdProblem(value: string): Problem {
  // The shape check alone would let 2025-02-30 through; a date that does not survive a round trip
  // through Date is not a real one.
  const ok =
    isoUtcShape.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    new Date(value).toISOString().slice(0, 19) === value.slice(0, 19);
  return ok ? null : 'the creation date is not an ISO 8601 UTC time such as 2025-01-31T09:30:00Z';
}

function consoleKeyProblem(key: ConsoleKey): Problem {
  return accessKeyIdProblem(key.accessKeyId) ?? secretProblem(key.secretAccessKey);
}

function handoffKeyProblem(key: HandoffKey): Problem {
  return (
    consoleKeyProblem(key) ??
    userNameProblem(key.userName) ??
    accountIdProblem(key.accountId) ??
    descriptionProblem(key.description) ??
    createdProblem(key.created)
  );
}

/** Writes the CSV sealed inside a hand-off file. Refuses anything `parseHandoffCsv` would refuse. */
export function formatHandoffCsv(keys: readonly HandoffKey[]): string {
  if (keys.length === 0) {
    throw new HandoffError('invalid-key', { message: 'There is no key to hand off.' });
  }
  if (keys.length > maxHandoffKeys) {
    throw new HandoffError('invalid-key', {
      message: `A hand-off file holds at most ${maxHandoffKeys} keys.`,
      hint: 'Split the keys across several key files.',
    });
  }
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    const problem = handoffKeyProblem(key);
    if (problem !== null) {
      throw new HandoffError('invalid-key', {
        message: `Key ${index + 1} cannot be handed off: ${problem}.`,
        hint: couldRunAsFormula(key.description)
          ? 'Start the description, and anything after a semicolon in it, with a letter or a digit.'
          : 'Check the key’s details and try again.',
      });
    }
    if (seen.has(key.accessKeyId)) {
      throw new HandoffError('invalid-key', {
        message: `Key ${index + 1} is listed twice.`,
        hint: 'Hand off each key once.',
      });
    }
    seen.add(key.accessKeyId);
  });
  return formatCsv([
    keywardColumns,
    ...keys.map((key) => [
      key.accessKeyId,
      key.secretAccessKey,
      key.userName,
      key.accountId,
      key.description,
      key.created,
    ]),
  ]);
}

function contentsError(message: string): HandoffError {
  return new HandoffError('invalid-contents', { message });
}

/**
 * Reads the CSV from inside a hand-off file, or the IAM console's own two-column download.
 * Strict: one unexpected header, row, value or duplicate refuses the whole file.
 */
export function parseHandoffCsv(text: string): HandoffContents {
  if (new TextEncoder().encode(text).length > maxHandoffCsvBytes) {
    throw contentsError('This file’s contents are too large to be a key hand-off.');
  }
  let records: string[][];
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw contentsError(`This file’s contents are not a valid CSV table: ${error.message}`);
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (header === undefined) throw contentsError('This file’s contents are empty.');
  const layout = sameColumns(header, keywardColumns)
    ? 'keyward'
    : sameColumns(header, consoleColumns)
      ? 'iam-console'
      : null;
  if (layout === null) {
    throw contentsError(
      'This file’s contents do not start with the expected columns ("Access key ID,Secret access key", …).',
    );
  }
  if (rows.length === 0) throw contentsError('This file’s contents list no keys.');
  if (rows.length > maxHandoffKeys) {
    throw contentsError(`This file lists more than ${maxHandoffKeys} keys.`);
  }
  const columns = layout === 'keyward' ? keywardColumns.length : consoleColumns.length;
  const seen = new Set<string>();
  const rowProblem = (index: number, problem: string): HandoffError =>
    contentsError(`In row ${index + 1} of this file, ${problem}.`);

  const checked = rows.map((row, index) => {
    if (row.length !== columns) {
      throw rowProblem(index, `there are ${row.length} columns instead of ${columns}`);
    }
    const [
      accessKeyId = '',
      secretAccessKey = '',
      userName = '',
      accountId = '',
      description = '',
      created = '',
    ] = row;
    const key: HandoffKey = {
      accessKeyId,
      secretAccessKey,
      userName,
      accountId,
      description,
      created,
    };
    const problem = layout === 'keyward' ? handoffKeyProblem(key) : consoleKeyProblem(key);
    if (problem !== null) throw rowProblem(index, problem);
    if (seen.has(accessKeyId)) throw rowProblem(index, 'the same access key is listed again');
    seen.add(accessKeyId);
    return key;
  });

  return layout === 'keyward'
    ? { layout, keys: checked }
    : {
        layout,
        keys: checked.map(({ accessKeyId, secretAccessKey }) => ({ accessKeyId, secretAccessKey })),
      };
}

/** Everything about the keys in a hand-off except their secrets, for a preview before claiming. */
export function summarizeHandoff(contents: HandoffContents): HandoffKeySummary[] {
  if (contents.layout === 'iam-console') {
    return contents.keys.map(({ accessKeyId }) => ({
      accessKeyId,
      userName: null,
      accountId: null,
      description: null,
      created: null,
    }));
  }
  return contents.keys.map(({ accessKeyId, userName, accountId, description, created }) => ({
    accessKeyId,
    userName,
    accountId,
    description,
    created,
  }));
}

function sameColumns(header: readonly string[], expected: readonly string[]): boolean {
  return header.length === expected.length && header.every((name, i) => name === expected[i]);
}
