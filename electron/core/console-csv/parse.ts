import { longTermKeyIdPattern, secretAccessKeyPattern } from '../../common/key-shapes';
import { CsvSyntaxError, parseCsvRecords } from '../csv';
import { AppError } from '../errors';

/**
 * The IAM console's "Download .csv file" (`<user>_accessKeys.csv`): this header, then exactly one
 * row with the key ID and its secret. The console writes a UTF-8 byte order mark and CRLF; a copy
 * saved again by an editor may have neither, so both are accepted.
 */
export const consoleCsvHeader = 'Access key ID,Secret access key';

/** Far more than one row ever takes; a larger file is not the console's download. */
export const maxConsoleCsvBytes = 4 * 1024;

export interface ConsoleCsvKey {
  accessKeyId: string;
  secretAccessKey: string;
}

const chooseTheDownload =
  'Choose the .csv file the AWS console gave you when the key was made (“Download .csv file”).';

/** Whether `line` (a file's first line, without its line end) is the console's header. */
export function isConsoleCsvHeader(line: string): boolean {
  const text = line.startsWith('\uFEFF') ? line.slice(1) : line;
  return (
    text
      .replace(/\r$/, '')
      .split(',')
      .map((name) => name.trim())
      .join(',') === consoleCsvHeader
  );
}

/** Whether a file's bytes start with the console's header: the console's download, not a key file. */
export function looksLikeConsoleCsv(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 128));
  return isConsoleCsvHeader(head.split('\n')[0] ?? '');
}

/**
 * The key in a console download. Refused in plain words: another header, no row or two rows, a
 * temporary (ASIA…) key, a key ID or secret that is not whole. Messages never hold the secret.
 */
export function parseConsoleCsv(text: string): ConsoleCsvKey {
  if (text.length > maxConsoleCsvBytes) {
    throw refusal('This file is too large to be the key download from the AWS console.');
  }
  let records: string[][];
  try {
    // Blank lines at the end (an editor's, say) are not a second key.
    records = parseCsvRecords(text.replace(/(?:\r?\n[ \t]*)+$/, '\n'));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw refusal(`This file is not a table Keyward can read: ${error.message}`);
  }
  const [header, ...rows] = records.map((record) => record.map((field) => field.trim()));
  if (!header || header.join(',') !== consoleCsvHeader) {
    throw refusal(
      `This file is not the key download from the AWS console: its first line should be “${consoleCsvHeader}”.`,
    );
  }
  if (rows.length === 0) throw refusal('This file has the AWS console’s header but no key.');
  if (rows.length > 1) {
    throw new AppError(
      'invalid-input',
      `This file holds ${String(rows.length)} rows, but the AWS console’s download holds exactly one key.`,
      'Use the file exactly as the AWS console gave it, one file for each key.',
    );
  }
  const [accessKeyId = '', secretAccessKey = '', ...extra] = rows[0] ?? [];
  if (extra.length > 0) {
    throw refusal('The row in this file has more than a key ID and a secret.');
  }
  if (/^ASIA/.test(accessKeyId)) {
    throw new AppError(
      'invalid-input',
      `The key ${accessKeyId} in this file is a temporary key (it starts with ASIA): it stops working on its own, and needs a session token this file does not have.`,
      'Use a long-term access key (one that starts with AKIA): in the AWS console, create an access key and choose “Download .csv file”.',
    );
  }
  if (!longTermKeyIdPattern.test(accessKeyId)) {
    throw refusal(
      'The key ID in this file is not whole: it should be AKIA followed by 16 capital letters or digits.',
    );
  }
  if (!secretAccessKeyPattern.test(secretAccessKey)) {
    throw refusal(
      `The secret for ${accessKeyId} in this file is not whole: it should be 40 letters, digits, / or +.`,
    );
  }
  return { accessKeyId, secretAccessKey };
}

function refusal(message: string): AppError {
  return new AppError('invalid-input', message, chooseTheDownload);
}
